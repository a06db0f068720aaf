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
import { SignedLinks } from '@msc/domain/courses';
import { Role } from '@msc/kernel';
import {
  type RecordingContent,
  RecordingContentService,
  RecordingViewsService,
  ReviewsService,
} from '@msc/domain/practicum';
import { ApiProblem } from '../http/api-problem.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiFileResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Public } from '../http/public.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { SignedLinkQuery } from '../ce-credits/dto/ce-credits.dto.js';
import { parseByteRange } from './byte-range.js';
import { MyReviewsQuery, SubmitReviewDto } from './dto/practicum.dto.js';
import { ReviewAssignmentListResponse, ReviewSubmittedResponse } from './dto/practicum.response.js';
import { RecordingDetailResponse } from './dto/recording-content.response.js';

/** A signed content link lasts an hour; the player fetches the recording again for a new one. */
const CONTENT_LINK_TTL_SECONDS = 3600;
const signedContentPath = (id: string) => `/api/v1/signed/recordings/${id}/content`;

@ApiTags('practicum')
@Controller()
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingViewsService,
    private readonly media: RecordingContentService,
    private readonly reviews: ReviewsService,
    private readonly links: SignedLinks,
  ) {}

  @SignedIn()
  @Get('recordings/:id')
  @ApiOperation({
    summary: 'One recording with its status, the review that counts and a signed media link',
  })
  @ApiOkResponse({ type: RecordingDetailResponse })
  @ApiProblems(400, 403, 404)
  async get(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RecordingDetailResponse> {
    const recording = await this.recordings.get(user, id);
    const link = await this.links.sign(signedContentPath(id), CONTENT_LINK_TTL_SECONDS);
    return {
      ...recording,
      contentUrl: link.url.slice(this.links.baseUrl.length),
      contentUrlExpiresAt: link.expiresAt,
    } as RecordingDetailResponse;
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
    await this.stream(await this.media.content(user, id), rangeHeader, reply);
  }

  /** The media through the link in the recording's detail: no Authorization header, Range works. */
  @Public()
  @Get('signed/recordings/:id/content')
  @ApiProduces('audio/*', 'video/*')
  @ApiOperation({
    summary: 'The recording media through its signed link (no Authorization header; Range)',
    description:
      'The link is contentUrl of GET /recordings/:id; an altered link is 403, an expired one 410.',
  })
  @ApiFileResponse('The whole recording', ['audio/*', 'video/*'])
  @ApiFileResponse('The byte range asked for', ['audio/*', 'video/*'], undefined, 206)
  @ApiProblems(400, 403, 404, 410, 416)
  async signedContent(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() link: SignedLinkQuery,
    @Headers('range') rangeHeader: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.links.verify(signedContentPath(id), link.expires, link.signature);
    reply.header('Referrer-Policy', 'no-referrer');
    await this.stream(await this.media.contentById(id), rangeHeader, reply);
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

  private async stream(
    content: RecordingContent,
    rangeHeader: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const range = parseByteRange(rangeHeader, content.size);
    if (range === 'unsatisfiable') {
      throw new ApiProblem(
        416,
        'range-not-satisfiable',
        `The recording has ${content.size} bytes; the range asked for lies outside them`,
        { headers: { 'Content-Range': `bytes */${content.size}`, 'Accept-Ranges': 'bytes' } },
      );
    }
    const stream = await this.media.read(content, range ?? undefined);
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
}
