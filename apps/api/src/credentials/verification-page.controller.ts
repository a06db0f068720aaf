import { Controller, Get, Header, Options, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CredentialsError,
  CredentialsErrorCode,
  CredentialsService,
} from '@msc/domain/credentials';
import { Public } from '../http/public.decorator.js';
import { answerPreflight, PublicCors } from './public-cors.js';
import { renderNotFoundPage, renderVerificationPage } from './verification-page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /verify/:id, outside /api/v1: the human page a certificate's QR code opens. */
@ApiExcludeController()
@Controller()
export class VerificationPageController {
  constructor(private readonly credentials: CredentialsService) {}

  @Public()
  @Options('verify/:id')
  preflight(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    answerPreflight(request, reply);
  }

  @Public()
  @PublicCors()
  @Get('verify/:id')
  @Header('Cache-Control', 'no-store')
  async page(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    reply.type('text/html; charset=utf-8');
    if (!UUID.test(id)) return this.notFound(reply);
    try {
      const verification = await this.credentials.verify(id);
      return renderVerificationPage(verification, {
        vc: `/api/v1/credentials/${id}/vc`,
        json: `/api/v1/credentials/${id}/verify`,
      });
    } catch (error) {
      if (
        error instanceof CredentialsError &&
        error.code === CredentialsErrorCode.CredentialNotFound
      )
        return this.notFound(reply);
      throw error;
    }
  }

  private notFound(reply: FastifyReply): string {
    reply.status(404);
    return renderNotFoundPage();
  }
}
