import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CohortChangesService,
  CompletionService,
  CoursesService,
  SchedulingService,
} from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiFileResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  AddTeacherDto,
  CancelCohortDto,
  CreateCohortDto,
  ListCohortsQuery,
  MoveSessionDto,
  UpdateCohortDto,
} from './dto/cohorts.dto.js';
import {
  CohortListResponse,
  CohortResponse,
  CohortSessionResponse,
  CompletionRequestResponse,
  TeacherAssignmentResponse,
} from './dto/courses.response.js';
import { CohortReopenedResponse } from './dto/cohort-reopen.response.js';

@ApiTags('courses')
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly courses: CoursesService,
    private readonly scheduling: SchedulingService,
    private readonly completion: CompletionService,
    private readonly changes: CohortChangesService,
  ) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Create a cohort of a course; its sessions are planned from it',
    description: 'A retired course takes no new cohorts: 409 `course retired`.',
  })
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiProblems(400, 404, 409)
  create(@CurrentUser() admin: UserView, @Body() body: CreateCohortDto) {
    return this.courses.createCohort(admin, body);
  }

  @SignedIn()
  @Get()
  @ApiOperation({ summary: 'List cohorts, optionally by course and status' })
  @ApiOkResponse({ type: CohortListResponse })
  @ApiProblems(400)
  list(@Query() query: ListCohortsQuery) {
    return this.courses.listCohorts(query);
  }

  @SignedIn()
  @Get(':id')
  @ApiOperation({ summary: 'One cohort with its course, teachers and sessions' })
  @ApiOkResponse({ type: CohortResponse })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.courses.getCohort(id);
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({
    summary: "Change a cohort's title, capacity, CE eligibility or (before it starts) its start",
    description:
      'A new startDate, localTime or timeZone re-plans every session (409 once the first session has begun); a capacity below the enrolled count is 409, a larger one fills seats from the waitlist; a completed or cancelled cohort is 409.',
  })
  @ApiOkResponse({ type: CohortResponse })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCohortDto,
  ) {
    return this.changes.update(admin, id, body);
  }

  @Roles(Role.Admin)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a cohort: its enrolled and waitlisted participants are told why',
    description:
      'A cancelled cohort takes no enrollments or attendance and is never completed or credited; a completed or already cancelled cohort is 409.',
  })
  @ApiOkResponse({ type: CohortResponse })
  @ApiProblems(400, 404, 409)
  cancel(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelCohortDto,
  ) {
    return this.changes.cancel(admin, id, body.reason);
  }

  @SignedIn()
  @Get(':id/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: "The cohort's sessions as iCalendar, one VEVENT a session" })
  @ApiFileResponse('An iCalendar file', ['text/calendar'], { type: 'string' })
  @ApiProblems(400, 404)
  async calendar(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.courses.calendar(id);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`);
    return body;
  }

  @Roles(Role.Admin)
  @Post(':id/teachers')
  @ApiOperation({ summary: 'Assign a lead or co-teacher to a cohort' })
  @ApiCreatedResponse({ type: TeacherAssignmentResponse })
  @ApiProblems(400, 404, 409)
  addTeacher(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddTeacherDto,
  ) {
    return this.courses.addTeacher(admin, id, body);
  }

  @Roles(Role.Admin)
  @Delete(':id/teachers/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a teacher from a cohort' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 404)
  async removeTeacher(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.courses.removeTeacher(admin, id, userId);
  }

  @Roles(Role.Admin)
  @Put(':id/sessions/:sessionId')
  @ApiOperation({ summary: 'Move one session to another time' })
  @ApiOkResponse({ type: CohortSessionResponse })
  @ApiProblems(400, 404, 409)
  moveSession(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: MoveSessionDto,
  ) {
    return this.scheduling.moveSession(admin, id, sessionId, new Date(body.startsAt));
  }

  @Roles(Role.Admin)
  @Post(':id/complete')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Complete a cohort: completions are computed, CE issuance starts',
    description:
      'Also done by itself COMPLETION_GRACE_DAYS after the last session ends (attendance stays open until then); 409 before the first session has begun. Completing a reopened cohort recomputes its completions.',
  })
  @ApiAcceptedResponse({ type: CompletionRequestResponse })
  @ApiProblems(400, 404, 409)
  complete(@CurrentUser() admin: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.completion.requestCompletion(admin, id);
  }

  @Roles(Role.Admin)
  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reopen a completed cohort so that its attendance can be corrected',
    description:
      'Complete it again afterwards: completions are recomputed, CE credits already issued stay and newly eligible trainees get theirs. A reopened cohort does not complete by itself.',
  })
  @ApiOkResponse({ type: CohortReopenedResponse })
  @ApiProblems(400, 404, 409)
  reopen(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CohortReopenedResponse> {
    return this.completion.reopen(admin, id) as Promise<CohortReopenedResponse>;
  }
}
