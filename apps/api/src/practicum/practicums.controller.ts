import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { PracticumService, RecordingSubmissionService } from '@msc/domain/practicum';
import { AppConfig } from '@msc/config';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { readUploadForm } from '../http/upload-form.js';
import { MyPracticumsQuery } from './dto/practicum-views.dto.js';
import { CreatePracticumDto, ListSessionsQuery, LogSessionDto } from './dto/practicum.dto.js';
import {
  MyPracticumListResponse,
  PracticumResponse,
  PracticumSessionListResponse,
  PracticumSessionResponse,
  RecordingAcceptedResponse,
} from './dto/practicum.response.js';
import { RECORDING_FIELD_NAMES, recordingForm } from './recording-form.js';

@ApiTags('practicum')
@Controller()
export class PracticumsController {
  constructor(
    private readonly config: AppConfig,
    private readonly practicums: PracticumService,
    private readonly recordings: RecordingSubmissionService,
  ) {}

  @Roles(Role.Admin)
  @Post('practicums')
  @ApiOperation({ summary: 'Open a practicum: a trainee and their mentor' })
  @ApiCreatedResponse({ type: PracticumResponse })
  @ApiProblems(400, 404, 409, 422)
  create(@CurrentUser() user: UserView, @Body() body: CreatePracticumDto) {
    return this.practicums.create(user, body);
  }

  @SignedIn()
  @Get('me/practicums')
  @ApiOperation({ summary: 'The practicums I am trainee or mentor of' })
  @ApiOkResponse({ type: MyPracticumListResponse })
  @ApiProblems(400)
  listMine(@CurrentUser() user: UserView, @Query() query: MyPracticumsQuery) {
    return this.practicums.listMine(user, query);
  }

  @SignedIn()
  @Get('practicums/:id')
  @ApiOperation({ summary: 'One practicum (its trainee, its mentor, admins)' })
  @ApiOkResponse({ type: PracticumResponse })
  @ApiProblems(400, 403, 404)
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.practicums.get(user, id);
  }

  @Roles(Role.Admin)
  @Post('practicums/:id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a practicum' })
  @ApiOkResponse({ type: PracticumResponse })
  @ApiProblems(400, 404, 409)
  close(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.practicums.close(user, id);
  }

  @Roles(Role.Mentor, Role.Admin)
  @Post('practicums/:id/sessions')
  @ApiOperation({ summary: 'Log a consultation or mentoring session' })
  @ApiCreatedResponse({ type: PracticumSessionResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  logSession(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LogSessionDto,
  ) {
    return this.practicums.logSession(user, id, {
      kind: body.kind,
      heldAt: new Date(body.heldAt),
      minutes: body.minutes,
    });
  }

  @SignedIn()
  @Get('practicums/:id/sessions')
  @ApiOperation({ summary: "A practicum's logged sessions" })
  @ApiOkResponse({ type: PracticumSessionListResponse })
  @ApiProblems(400, 403, 404)
  listSessions(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListSessionsQuery,
  ) {
    return this.practicums.listSessions(user, id, query);
  }

  /**
   * Streams the file to the blob store as it arrives: its type is decided from its first bytes,
   * its size is limited while it streams, and a refused upload leaves nothing behind.
   */
  @Roles(Role.Trainee)
  @Post('practicums/:id/recordings')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', ...RECORDING_FIELD_NAMES],
      properties: {
        file: { type: 'string', format: 'binary' },
        cohortId: { type: 'string', format: 'uuid' },
        sessionNumber: { type: 'integer', minimum: 1 },
        consentConfirmed: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiOperation({ summary: 'Upload a teaching recording (multipart, streamed)' })
  @ApiAcceptedResponse({ type: RecordingAcceptedResponse })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422)
  async upload(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
  ) {
    await this.recordings.checkCanUpload(user, id);
    const form = recordingForm(this.recordings, this.config.RECORDING_MAX_BYTES, user);
    const { fields, file } = await readUploadForm(request, form);
    return this.recordings.register(user, id, fields, file);
  }
}
