import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import {
  PracticumService,
  RecordingViewsService,
  ReviewAssignmentService,
} from '@msc/domain/practicum';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import {
  ChangeMentorDto,
  ListPracticumsQuery,
  ListRecordingsQuery,
  ReassignReviewerDto,
} from './dto/practicum-views.dto.js';
import { RecordingSummaryListResponse } from './dto/practicum-views.response.js';
import {
  PracticumListResponse,
  PracticumResponse,
  RecordingResponse,
} from './dto/practicum.response.js';

/** The admin's console of practicums and recordings: lists with names, mentor and reviewer changes. */
@ApiTags('practicum')
@Controller()
@Roles(Role.Admin)
export class PracticumAdminController {
  constructor(
    private readonly practicums: PracticumService,
    private readonly recordings: RecordingViewsService,
    private readonly reviewAssignment: ReviewAssignmentService,
  ) {}

  @Get('practicums')
  @ApiOperation({
    summary: 'Every practicum, filtered by status, person or a part of a name or e-mail',
  })
  @ApiOkResponse({ type: PracticumListResponse })
  @ApiProblems(400)
  list(@Query() query: ListPracticumsQuery) {
    return this.practicums.list(query);
  }

  @Put('practicums/:id/mentor')
  @ApiOperation({ summary: 'Give an active practicum another mentor (audited)' })
  @ApiOkResponse({ type: PracticumResponse })
  @ApiProblems(400, 404, 409, 422)
  changeMentor(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeMentorDto,
  ) {
    return this.practicums.changeMentor(user, id, body.mentorId);
  }

  @Get('recordings')
  @ApiOperation({
    summary: 'Every teaching recording, filtered by status, person, overdue or a part of a name',
  })
  @ApiOkResponse({ type: RecordingSummaryListResponse })
  @ApiProblems(400)
  listRecordings(@Query() query: ListRecordingsQuery) {
    return this.recordings.list({ ...query, overdue: query.overdue === 'true' });
  }

  @Put('recordings/:id/reviewer')
  @ApiOperation({
    summary: 'Give an awaiting recording another reviewer (new due date, reminders; audited)',
  })
  @ApiOkResponse({ type: RecordingResponse })
  @ApiProblems(400, 404, 409, 422)
  reassignReviewer(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReassignReviewerDto,
  ) {
    return this.reviewAssignment.reassignReviewer(user, id, body.reviewerId);
  }
}
