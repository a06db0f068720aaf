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
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AttestationsService } from '@msc/domain/applications';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiFileResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { readUploadForm } from '../http/upload-form.js';
import { attestationForm } from './attestation-form.js';
import {
  AttestationDecisionDto,
  AttestationsQuery,
  OwnAttestationsQuery,
  SubmitAttestationForm,
} from './dto/attestations.dto.js';
import {
  AdminAttestationListResponse,
  AttestationListResponse,
  AttestationResponse,
} from './dto/applications.response.js';

@ApiTags('attestations')
@Controller()
export class AttestationsController {
  constructor(private readonly attestations: AttestationsService) {}

  @Roles(Role.Trainee)
  @Post('me/attestations')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SubmitAttestationForm })
  @ApiOperation({
    summary: 'Attest to a prerequisite, with the evidence file',
    description:
      'The file `evidence` is required (400 without); 409 while an attestation of the same kind is pending.',
  })
  @ApiCreatedResponse({ type: AttestationResponse })
  @ApiProblems(400, 409, 413, 415)
  async submit(@CurrentUser() user: UserView, @Req() request: FastifyRequest) {
    const { fields, file } = await readUploadForm(request, attestationForm(this.attestations));
    return this.attestations.submit(user, fields, file);
  }

  @Roles(Role.Trainee)
  @Get('me/attestations')
  @ApiOperation({ summary: 'My attestations' })
  @ApiOkResponse({ type: AttestationListResponse })
  @ApiProblems(400)
  listOwn(@CurrentUser() user: UserView, @Query() query: OwnAttestationsQuery) {
    return this.attestations.listOwn(user, query);
  }

  @Roles(Role.Admin)
  @Get('attestations')
  @ApiOperation({ summary: 'List attestations, optionally by status or kind' })
  @ApiOkResponse({ type: AdminAttestationListResponse })
  @ApiProblems(400)
  list(@Query() query: AttestationsQuery) {
    return this.attestations.list(query);
  }

  @SignedIn()
  @Get('attestations/:id')
  @ApiOperation({ summary: 'One attestation (its trainee or an admin)' })
  @ApiOkResponse({ type: AttestationResponse })
  @ApiProblems(400, 403, 404)
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.attestations.get(user, id);
  }

  @SignedIn()
  @Get('attestations/:id/evidence')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: "An attestation's evidence file" })
  @ApiFileResponse('The evidence file as uploaded', ['application/pdf', 'image/*'])
  @ApiProblems(400, 403, 404)
  async evidence(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    const file = await this.attestations.openEvidence(user, id);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      length: file.size,
      disposition: `inline; filename="${file.fileName}"`,
    });
  }

  @Roles(Role.Admin)
  @Post('attestations/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify or reject an attestation' })
  @ApiOkResponse({ type: AttestationResponse })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AttestationDecisionDto,
  ) {
    return this.attestations.decide(admin, id, body);
  }
}
