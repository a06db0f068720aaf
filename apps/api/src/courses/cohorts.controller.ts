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
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CompletionService, CoursesService, SchedulingService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  AddTeacherDto,
  CreateCohortDto,
  ListCohortsQuery,
  MoveSessionDto,
} from './dto/cohorts.dto.js';

@ApiTags('courses')
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly courses: CoursesService,
    private readonly scheduling: SchedulingService,
    private readonly completion: CompletionService,
  ) {}

  @Roles(Role.Admin)
  @Post()
  create(@CurrentUser() admin: UserView, @Body() body: CreateCohortDto) {
    return this.courses.createCohort(admin, body);
  }

  @SignedIn()
  @Get()
  list(@Query() query: ListCohortsQuery) {
    return this.courses.listCohorts(query);
  }

  @SignedIn()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.courses.getCohort(id);
  }

  @SignedIn()
  @Get(':id/calendar.ics')
  @ApiProduces('text/calendar')
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
  async removeTeacher(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.courses.removeTeacher(admin, id, userId);
  }

  @Roles(Role.Admin)
  @Put(':id/sessions/:sessionId')
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
  complete(@CurrentUser() admin: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.completion.requestCompletion(admin, id);
  }
}
