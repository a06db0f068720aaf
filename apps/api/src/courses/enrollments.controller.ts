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
import { ApiTags } from '@nestjs/swagger';
import { AttendanceService, EnrollmentsService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
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
  async withdraw(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.enrollments.withdraw(user, id);
  }

  /** Admins and the cohort's teachers (checked by the service). */
  @SignedIn()
  @Get('cohorts/:id/enrollments')
  list(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListEnrollmentsQuery,
  ) {
    return this.enrollments.listForCohort(user, id, query);
  }

  @SignedIn()
  @Get('me/enrollments')
  mine(@CurrentUser() user: UserView, @Query() query: PageQuery) {
    return this.enrollments.listMine(user, query);
  }

  /** Admins and the cohort's teachers (checked by the service). */
  @SignedIn()
  @Put('cohorts/:id/sessions/:sessionId/attendance')
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
  getAttendance(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ) {
    return this.attendance.get(user, id, sessionId);
  }
}
