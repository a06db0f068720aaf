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
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import {
  PracticumService,
  type RecordingFields,
  RecordingsService,
  type StoredRecordingFile,
} from '@msc/domain/practicum';
import { AppConfig } from '@msc/config';
import { StorageError, StorageErrorCode } from '@msc/storage';
import { ApiProblem } from '../http/api-problem.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { multipartParts, partFailure } from '../http/multipart.js';
import { flattenValidationErrors } from '../http/validation.js';
import { MyPracticumsQuery } from './dto/practicum-views.dto.js';
import {
  CreatePracticumDto,
  ListSessionsQuery,
  LogSessionDto,
  RecordingFieldsDto,
} from './dto/practicum.dto.js';
import {
  MyPracticumListResponse,
  PracticumResponse,
  PracticumSessionListResponse,
  PracticumSessionResponse,
  RecordingAcceptedResponse,
} from './dto/practicum.response.js';

const FIELD_NAMES = ['cohortId', 'sessionNumber', 'consentConfirmed'];

async function recordingFields(fields: Record<string, string>): Promise<RecordingFields> {
  const dto = plainToInstance(RecordingFieldsDto, fields);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const fieldErrors = flattenValidationErrors(errors);
    throw new ApiProblem(400, 'validation', fieldErrors.map((e) => e.message).join('; '), {
      errors: fieldErrors,
    });
  }
  return { cohortId: dto.cohortId, sessionNumber: dto.sessionNumber };
}

@ApiTags('practicum')
@Controller()
export class PracticumsController {
  constructor(
    private readonly config: AppConfig,
    private readonly practicums: PracticumService,
    private readonly recordings: RecordingsService,
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
      required: ['file', ...FIELD_NAMES],
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
    if (!request.isMultipart()) {
      throw new ApiProblem(415, 'multipart-required', 'Send the recording as multipart/form-data');
    }
    const fields: Record<string, string> = {};
    let stored: StoredRecordingFile | undefined;
    let checked: RecordingFields | undefined;
    try {
      const parts = multipartParts(request, {
        // One byte past the limit reaches the store, which refuses it as too large.
        limits: { fileSize: this.config.RECORDING_MAX_BYTES + 1, files: 1 },
      });
      for await (const part of parts) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new ApiProblem(400, 'validation', 'The recording goes in the field "file"', {
            errors: [
              { field: part.fieldname, message: `${part.fieldname} is not an accepted field` },
            ],
          });
        }
        // Fields sent before the file are checked before a byte of it is stored.
        if (FIELD_NAMES.every((name) => name in fields)) {
          checked = await recordingFields(fields);
          await this.recordings.checkFields(user, checked);
        }
        stored = await this.recordings
          .storeFile(part.file, part.filename)
          .catch((error: unknown) => Promise.reject(partFailure(part.file, error)));
      }
    } catch (error) {
      if (stored) await this.recordings.discardFile(stored);
      if (error instanceof StorageError && error.code === StorageErrorCode.TooLarge) {
        throw new ApiProblem(
          413,
          'recording-too-large',
          `A recording may be at most ${this.config.RECORDING_MAX_BYTES} bytes`,
          { maxBytes: this.config.RECORDING_MAX_BYTES },
        );
      }
      throw error;
    }
    if (!stored) {
      throw new ApiProblem(400, 'validation', 'file is required', {
        errors: [{ field: 'file', message: 'file is required' }],
      });
    }
    try {
      checked ??= await recordingFields(fields);
    } catch (error) {
      await this.recordings.discardFile(stored);
      throw error;
    }
    return this.recordings.register(user, id, checked, stored);
  }
}
