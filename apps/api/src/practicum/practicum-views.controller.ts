import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { RecordingViewsService, ReviewsService, rubric } from '@msc/domain/practicum';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { MyRecordingsQuery } from './dto/practicum-views.dto.js';
import {
  RecordingSummaryListResponse,
  ReviewCountsResponse,
  RubricResponse,
} from './dto/practicum-views.response.js';

/** What the review workspace, the review queue's badge and the trainee's practicum page read. */
@ApiTags('practicum')
@Controller()
export class PracticumViewsController {
  constructor(
    private readonly recordings: RecordingViewsService,
    private readonly reviews: ReviewsService,
  ) {}

  @SignedIn()
  @Get('practicum/rubric')
  @ApiOperation({
    summary: 'The review rubric: its domains, the ordered levels and the competent threshold',
  })
  @ApiOkResponse({ type: RubricResponse })
  rubric(): RubricResponse {
    return rubric();
  }

  @Roles(Role.Mentor)
  @Get('me/reviews/count')
  @ApiOperation({ summary: 'The numbers of my review queue (pending, overdue, done)' })
  @ApiOkResponse({ type: ReviewCountsResponse })
  reviewCounts(@CurrentUser() user: UserView) {
    return this.reviews.countMine(user);
  }

  @Roles(Role.Trainee)
  @Get('me/recordings')
  @ApiOperation({ summary: 'My teaching recordings, newest first, with status and outcome' })
  @ApiOkResponse({ type: RecordingSummaryListResponse })
  @ApiProblems(400)
  myRecordings(@CurrentUser() user: UserView, @Query() query: MyRecordingsQuery) {
    return this.recordings.listMine(user, query);
  }
}
