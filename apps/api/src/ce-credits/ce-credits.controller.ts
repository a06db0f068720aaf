import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CeCreditsService } from '@msc/domain/ce-credits';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Public } from '../http/public.decorator.js';
import { ApiFileResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { IssueCeCreditsDto, ListCeCreditsQuery, SignedLinkQuery } from './dto/ce-credits.dto.js';
import { CeCreditVerificationResponse } from './dto/ce-credit-verification.response.js';
import {
  AdminCeCreditListResponse,
  CeCreditListResponse,
  CeIssuanceResponse,
} from './dto/ce-credits.response.js';

@ApiTags('ce-credits')
@Controller()
export class CeCreditsController {
  constructor(private readonly ceCredits: CeCreditsService) {}

  @SignedIn()
  @Get('me/ce-credits')
  @ApiOperation({ summary: 'My CE credits, each with a signed link to its certificate' })
  @ApiOkResponse({ type: CeCreditListResponse })
  @ApiProblems(400)
  mine(@CurrentUser() user: UserView, @Query() query: PageQuery) {
    return this.ceCredits.listMine(user, query);
  }

  @Roles(Role.Admin)
  @Get('ce-credits')
  @ApiOperation({ summary: 'Every CE credit, by cohort or person, with its holder' })
  @ApiOkResponse({ type: AdminCeCreditListResponse })
  @ApiProblems(400)
  list(@Query() query: ListCeCreditsQuery) {
    return this.ceCredits.list(query);
  }

  /** Runs issuance for a cohort again, for example after late attendance was recorded. */
  @Roles(Role.Admin)
  @Post('ce-credits/issuance')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run CE issuance for a cohort again' })
  @ApiAcceptedResponse({ type: CeIssuanceResponse })
  @ApiProblems(400, 404)
  issue(@CurrentUser() admin: UserView, @Body() body: IssueCeCreditsDto) {
    return this.ceCredits.requestIssuance(admin, body.cohortId);
  }

  @Roles(Role.Admin)
  @Get('cohorts/:id/ce-roster.csv')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: "The cohort's CE roster as CSV, one line per CE credit",
    description:
      'Columns name, license_number, hours, certificate_number, issued_at; a cell a spreadsheet ' +
      "would run as a formula (starting with = + - @) is prefixed with '.",
  })
  @ApiFileResponse('The roster (RFC 4180, UTF-8)', ['text/csv'], { type: 'string' })
  @ApiProblems(400, 404)
  async roster(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { fileName, body } = await this.ceCredits.rosterCsv(id);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return body;
  }

  @SignedIn()
  @Get('ce-credits/:id/certificate.pdf')
  @ApiProduces('application/pdf')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'A CE certificate as PDF (its holder and admins)' })
  @ApiFileResponse('The certificate, to its holder and to admins', ['application/pdf'])
  @ApiProblems(400, 403, 404)
  async certificate(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.ceCredits.certificatePdf(user, id);
    return new StreamableFile(stream, {
      type: 'application/pdf',
      disposition: `inline; filename="${fileName}"`,
    });
  }

  @Public()
  @Get('signed/ce-credits/:id/certificate.pdf')
  @ApiProduces('application/pdf')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({
    summary: 'A CE certificate through its signed link (no Authorization header)',
    description:
      'The link comes from GET /me/ce-credits; an altered link is 403, an expired one 410.',
  })
  @ApiFileResponse('The certificate PDF', ['application/pdf'])
  @ApiProblems(400, 403, 404, 410, 503)
  async signedCertificate(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() link: SignedLinkQuery,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.ceCredits.certificatePdfByLink(id, link);
    return new StreamableFile(stream, {
      type: 'application/pdf',
      disposition: `inline; filename="${fileName}"`,
    });
  }

  @Public()
  @Get('ce-credits/:id/verify')
  @ApiOperation({ summary: 'Verify a CE certificate (for accreditors)' })
  @ApiOkResponse({ type: CeCreditVerificationResponse })
  @ApiProblems(400, 404, 503)
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.ceCredits.verify(id);
  }
}
