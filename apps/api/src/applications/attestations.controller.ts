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
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AttestationsService } from '@msc/domain/applications';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { readAttestationForm } from './attestation-form.js';
import {
  AttestationDecisionDto,
  AttestationsQuery,
  OwnAttestationsQuery,
  SubmitAttestationForm,
} from './dto/attestations.dto.js';

@ApiTags('attestations')
@Controller()
export class AttestationsController {
  constructor(private readonly attestations: AttestationsService) {}

  @Roles(Role.Trainee)
  @Post('me/attestations')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SubmitAttestationForm })
  async submit(@CurrentUser() user: UserView, @Req() request: FastifyRequest) {
    const { fields, evidence } = await readAttestationForm(request, this.attestations);
    return this.attestations.submit(user, fields, evidence);
  }

  @Roles(Role.Trainee)
  @Get('me/attestations')
  listOwn(@CurrentUser() user: UserView, @Query() query: OwnAttestationsQuery) {
    return this.attestations.listOwn(user, query);
  }

  @Roles(Role.Admin)
  @Get('attestations')
  list(@Query() query: AttestationsQuery) {
    return this.attestations.list(query);
  }

  @SignedIn()
  @Get('attestations/:id')
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.attestations.get(user, id);
  }

  @SignedIn()
  @Get('attestations/:id/evidence')
  @Header('Cache-Control', 'private, no-store')
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
  decide(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AttestationDecisionDto,
  ) {
    return this.attestations.decide(admin, id, body);
  }
}
