import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { RecordingsService, ReviewsService } from '@msc/domain/practicum';
import { ApiProblem } from '../http/api-problem.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiFileResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { parseByteRange } from './byte-range.js';
import { MyReviewsQuery, SubmitReviewDto } from './dto/practicum.dto.js';
import {
  RecordingResponse,
  ReviewAssignmentListResponse,
  ReviewSubmittedResponse,
} from './dto/practicum.response.js';

@ApiTags('practicum')
@Controller()
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly reviews: ReviewsService,
  ) {}

  @SignedIn()
  @Get('recordings/:id')
  @ApiOperation({ summary: 'One recording with its status and the review that counts' })
  @ApiOkResponse({ type: RecordingResponse })
  @ApiProblems(400, 403, 404)
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.recordings.get(user, id);
  }

  /** The media, whole or one byte range of it, streamed from the blob store. */
  @SignedIn()
  @Get('recordings/:id/content')
  @ApiProduces('audio/*', 'video/*')
  @ApiOperation({ summary: 'The recording media, whole or one byte range (Range)' })
  @ApiFileResponse('The whole recording', ['audio/*', 'video/*'])
  @ApiFileResponse('The byte range asked for', ['audio/*', 'video/*'], undefined, 206)
  @ApiProblems(400, 403, 404, 416)
  async content(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('range') rangeHeader: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const content = await this.recordings.content(user, id);
    const range = parseByteRange(rangeHeader, content.size);
    if (range === 'unsatisfiable') {
      throw new ApiProblem(
        416,
        'range-not-satisfiable',
        `The recording has ${content.size} bytes; the range asked for lies outside them`,
        { headers: { 'Content-Range': `bytes */${content.size}`, 'Accept-Ranges': 'bytes' } },
      );
    }
    const stream = await this.recordings.read(content, range ?? undefined);
    reply
      .header('Accept-Ranges', 'bytes')
      .header('Content-Type', content.mediaType)
      .header('ETag', `"${content.sha256}"`)
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', 'inline');
    if (range) {
      reply
        .status(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${content.size}`)
        .header('Content-Length', String(range.end - range.start + 1));
    } else {
      reply.status(200).header('Content-Length', String(content.size));
    }
    await reply.send(stream);
  }

  @Roles(Role.Mentor)
  @Post('recordings/:id/reviews')
  @ApiOperation({ summary: 'Review a recording against the rubric, with time-stamped comments' })
  @ApiCreatedResponse({ type: ReviewSubmittedResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  submitReview(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitReviewDto,
  ) {
    return this.reviews.submit(user, id, body);
  }

  @Roles(Role.Mentor)
  @Get('me/reviews')
  @ApiOperation({ summary: 'The recordings assigned to me for review' })
  @ApiOkResponse({ type: ReviewAssignmentListResponse })
  @ApiProblems(400)
  myReviews(@CurrentUser() user: UserView, @Query() query: MyReviewsQuery) {
    return this.reviews.listMine(user, query);
  }
}
