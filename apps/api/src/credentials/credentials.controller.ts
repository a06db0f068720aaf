import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Options,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CredentialsService, SigningKeys, VC_JWT_MEDIA_TYPE } from '@msc/domain/credentials';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Public } from '../http/public.decorator.js';
import { ApiFileResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { SignedLinkQuery } from '../ce-credits/dto/ce-credits.dto.js';
import { ListCredentialsQuery, OptionalReasonDto, StatusReasonDto } from './dto/credentials.dto.js';
import { answerPreflight, PublicCors } from './public-cors.js';
import {
  AdminCredentialListResponse,
  CredentialListResponse,
  CredentialVerificationResponse,
  JwksResponse,
} from './dto/credentials.response.js';

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly keys: SigningKeys,
  ) {}

  @Public()
  @PublicCors()
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: "The issuer's public keys (JWKS), retired ones included" })
  @ApiOkResponse({ type: JwksResponse })
  @ApiProblems(503)
  jwks() {
    return this.keys.jwks();
  }

  /** CORS preflights of the public verification routes above (GET from any origin). */
  @Public()
  @Options([
    '.well-known/jwks.json',
    'credentials/status/:listId',
    'credentials/:id/vc',
    'credentials/:id/verify',
  ])
  @ApiExcludeEndpoint()
  preflight(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    answerPreflight(request, reply);
  }

  @SignedIn()
  @Get('me/credentials')
  @ApiOperation({
    summary: 'My credentials, with verification page, signed PDF link and LinkedIn link',
  })
  @ApiOkResponse({ type: CredentialListResponse })
  mine(@CurrentUser() user: UserView) {
    return this.credentials.listMine(user.id);
  }

  @Roles(Role.Admin)
  @Get('credentials')
  @ApiOperation({
    summary: 'Every issued credential, newest first, by status, designation or holder',
  })
  @ApiOkResponse({ type: AdminCredentialListResponse })
  @ApiProblems(400)
  list(@Query() query: ListCredentialsQuery) {
    return this.credentials.list(query);
  }

  @Public()
  @PublicCors()
  @Get('credentials/status/:listId')
  @Header('Content-Type', VC_JWT_MEDIA_TYPE)
  @Header('Cache-Control', 'public, max-age=60')
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  @ApiOperation({ summary: 'A status list (revocation or suspension), signed' })
  @ApiOkResponse({ description: 'A signed BitstringStatusListCredential', type: String })
  @ApiProblems(400, 404, 503)
  statusList(@Param('listId', ParseUUIDPipe) listId: string): Promise<string> {
    return this.credentials.statusListCredential(listId);
  }

  @Public()
  @PublicCors()
  @Get('credentials/:id/vc')
  @Header('Content-Type', VC_JWT_MEDIA_TYPE)
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  @ApiOperation({ summary: 'The signed Verifiable Credential (Open Badges 3.0)' })
  @ApiOkResponse({
    description: 'The Open Badges 3.0 credential as a compact JWS (EdDSA)',
    type: String,
  })
  @ApiProblems(400, 404, 503)
  vc(@Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.credentials.signedCredential(id);
  }

  @Public()
  @PublicCors()
  @Get('credentials/:id/verify')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Verify a credential: status, holder, designation, issuer' })
  @ApiOkResponse({ type: CredentialVerificationResponse })
  @ApiProblems(400, 404, 503)
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.verify(id);
  }

  @SignedIn()
  @Get('credentials/:id/certificate.pdf')
  @ApiProduces('application/pdf')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'A credential certificate as PDF (its holder and admins)' })
  @ApiFileResponse('The certificate with a verification QR code, to its holder and admins', [
    'application/pdf',
  ])
  @ApiProblems(400, 403, 404)
  async certificate(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.credentials.certificatePdf(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="credential-${id}.pdf"`,
      length: pdf.length,
    });
  }

  @Public()
  @Get('signed/credentials/:id/certificate.pdf')
  @ApiProduces('application/pdf')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({
    summary: 'A credential PDF through its signed link (no Authorization header)',
    description:
      'The link is pdfUrl of GET /me/credentials; an altered link is 403, an expired one 410.',
  })
  @ApiFileResponse('The certificate PDF', ['application/pdf'])
  @ApiProblems(400, 403, 404, 410, 503)
  async signedCertificate(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() link: SignedLinkQuery,
  ): Promise<StreamableFile> {
    const pdf = await this.credentials.certificatePdfByLink(id, link);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="credential-${id}.pdf"`,
      length: pdf.length,
    });
  }

  @Roles(Role.Admin)
  @Post('credentials/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a credential (for good)' })
  @ApiOkResponse({ type: CredentialVerificationResponse })
  @ApiProblems(400, 404, 409)
  revoke(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StatusReasonDto,
  ) {
    return this.credentials.revoke(admin, id, body.reason);
  }

  @Roles(Role.Admin)
  @Post('credentials/:id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a credential until it is reinstated' })
  @ApiOkResponse({ type: CredentialVerificationResponse })
  @ApiProblems(400, 404, 409)
  suspend(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StatusReasonDto,
  ) {
    return this.credentials.suspend(admin, id, body.reason);
  }

  @Roles(Role.Admin)
  @Post('credentials/:id/reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstate a suspended credential' })
  @ApiOkResponse({ type: CredentialVerificationResponse })
  @ApiProblems(400, 404, 409)
  reinstate(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OptionalReasonDto,
  ) {
    return this.credentials.reinstate(admin, id, body.reason ?? null);
  }
}
