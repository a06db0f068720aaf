import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AttendanceService, EnrollmentsService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  AttendanceResponse,
  CohortEnrollmentListResponse,
  EnrollmentResponse,
  MyEnrollmentListResponse,
} from './dto/courses.response.js';
import { EnrollDto, ListEnrollmentsQuery, RecordAttendanceDto } from './dto/enrollments.dto.js';

@ApiTags('courses')
@Controller()
export class EnrollmentsController {
  constructor(
    private readonly enrollments: EnrollmentsService,
    private readonly attendance: AttendanceService,
  ) {}

  @Roles(Role.Trainee, Role.Admin)
  @Post('cohorts/:id/enrollments')
  @ApiOperation({
    summary: 'Enroll in a cohort (or the waitlist when it is full)',
    description:
      'A trainee enrolling themselves in a teacher-training or practicum cohort needs what their pathway lists before it: 422 with `unmet` otherwise. Admins may record any enrollment.',
  })
  @ApiCreatedResponse({ type: EnrollmentResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  enroll(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EnrollDto,
  ) {
    return this.enrollments.enroll(user, id, body);
  }

  @Roles(Role.Trainee)
  @Delete('cohorts/:id/enrollments/me')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw from a cohort; the first on the waitlist moves up' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiProblems(400, 404, 409)
  async withdraw(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.enrollments.withdraw(user, id);
  }

  @Roles(Role.Admin)
  @Delete('cohorts/:id/enrollments/:userId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw a participant from a cohort (admin); the first on the waitlist moves up',
  })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiProblems(400, 403, 404, 409)
  async withdrawParticipant(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.enrollments.withdrawByAdmin(user, id, userId);
  }

  /** Admins and the cohort's teachers (checked by the service). */
  @SignedIn()
  @Get('cohorts/:id/enrollments')
  @ApiOperation({ summary: "A cohort's enrollments (admins and its teachers)" })
  @ApiOkResponse({ type: CohortEnrollmentListResponse })
  @ApiProblems(400, 403, 404)
  list(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListEnrollmentsQuery,
  ) {
    return this.enrollments.listForCohort(user, id, query);
  }

  @SignedIn()
  @Get('me/enrollments')
  @ApiOperation({ summary: 'My enrollments, with attendance and completion' })
  @ApiOkResponse({ type: MyEnrollmentListResponse })
  @ApiProblems(400)
  mine(@CurrentUser() user: UserView, @Query() query: PageQuery) {
    return this.enrollments.listMine(user, query);
  }

  /** Admins and the cohort's teachers (checked by the service). */
  @SignedIn()
  @Put('cohorts/:id/sessions/:sessionId/attendance')
  @ApiOperation({ summary: "Record a session's attendance (admins and the cohort's teachers)" })
  @ApiOkResponse({ type: AttendanceResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  recordAttendance(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: RecordAttendanceDto,
  ) {
    return this.attendance.record(user, id, sessionId, body.records);
  }

  @SignedIn()
  @Get('cohorts/:id/sessions/:sessionId/attendance')
  @ApiOperation({ summary: "A session's attendance" })
  @ApiOkResponse({ type: AttendanceResponse })
  @ApiProblems(400, 403, 404)
  getAttendance(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ) {
    return this.attendance.get(user, id, sessionId);
  }
}
