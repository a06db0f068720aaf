import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  type OnModuleInit,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { RecordingUploadsService, type RecordingUploadView } from '@msc/domain/practicum';
import { ApiProblem } from '../http/api-problem.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import { CreateRecordingUploadDto } from './dto/practicum-views.dto.js';
import { RecordingUploadResponse } from './dto/practicum-views.response.js';

/** The media types a chunk travels as: tus's, and plain bytes. */
export const CHUNK_CONTENT_TYPES = ['application/offset+octet-stream', 'application/octet-stream'];

/** Hands a chunk's body to the route unread, as a stream (it goes straight to the blob store). */
export function registerChunkBodyParser(fastify: FastifyInstance): void {
  for (const type of CHUNK_CONTENT_TYPES) {
    if (fastify.hasContentTypeParser(type)) continue;
    fastify.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }
}

const OFFSET = /^(0|[1-9][0-9]{0,15})$/;

const uploadHeaders = (reply: FastifyReply, view: RecordingUploadView) =>
  reply
    .header('Upload-Offset', String(view.offset))
    .header('Upload-Length', String(view.size))
    .header('Cache-Control', 'no-store');

/**
 * Resumable, abortable recording uploads: create a session, send chunks at their offsets
 * (`PATCH` with `Upload-Offset`; a wrong offset is 409 with the right one), ask where it stands
 * (`GET`, or `HEAD` for the headers only) to resume, `DELETE` to abort. The chunk that brings the
 * last byte creates the recording as `POST /practicums/:id/recordings` does.
 */
@ApiTags('practicum')
@Controller()
@Roles(Role.Trainee)
export class RecordingUploadsController implements OnModuleInit {
  constructor(
    private readonly uploads: RecordingUploadsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify && typeof fastify.addContentTypeParser === 'function') {
      registerChunkBodyParser(fastify);
    }
  }

  @Post('practicums/:id/recording-uploads')
  @ApiOperation({ summary: 'Start a resumable recording upload (size, cohort, session, consent)' })
  @ApiCreatedResponse({ type: RecordingUploadResponse })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async create(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateRecordingUploadDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.uploads.create(user, id, body);
    uploadHeaders(reply, view).header('Location', `/api/v1/recording-uploads/${view.uploadId}`);
    return view;
  }

  @Get('recording-uploads/:uploadId')
  @ApiOperation({ summary: 'Where a resumable upload stands (HEAD gives Upload-Offset alone)' })
  @ApiOkResponse({ type: RecordingUploadResponse })
  @ApiProblems(400, 404)
  async get(
    @CurrentUser() user: UserView,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.uploads.get(user, uploadId);
    uploadHeaders(reply, view);
    return view;
  }

  @Patch('recording-uploads/:uploadId')
  @ApiOperation({
    summary: 'Append a chunk at Upload-Offset; the last one creates the recording',
  })
  @ApiConsumes(...CHUNK_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'Where the chunk starts' })
  @ApiOkResponse({ type: RecordingUploadResponse })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async append(
    @CurrentUser() user: UserView,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Headers('upload-offset') offsetHeader: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!CHUNK_CONTENT_TYPES.includes(type)) {
      throw new ApiProblem(
        415,
        'chunk-type',
        `Send the chunk as ${CHUNK_CONTENT_TYPES.join(' or ')}`,
      );
    }
    if (!offsetHeader || !OFFSET.test(offsetHeader.trim())) {
      throw new ApiProblem(
        400,
        'validation',
        'The Upload-Offset header is a whole number of bytes',
        {
          errors: [
            { field: 'Upload-Offset', message: 'Upload-Offset must be a non-negative integer' },
          ],
        },
      );
    }
    const body = request.body instanceof Readable ? request.body : Readable.from([]);
    const view = await this.uploads.append(user, uploadId, Number(offsetHeader.trim()), body);
    uploadHeaders(reply, view);
    return view;
  }

  @Delete('recording-uploads/:uploadId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Abort a resumable upload: what it received is removed' })
  @ApiNoContentResponse({ description: 'Aborted' })
  @ApiProblems(400, 404, 409)
  async abort(@CurrentUser() user: UserView, @Param('uploadId', ParseUUIDPipe) uploadId: string) {
    await this.uploads.abort(user, uploadId);
  }
}
