import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CoursesService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  CreateCourseDto,
  ListCoursesQuery,
  RetireCourseDto,
  UpdateCourseDto,
} from './dto/courses.dto.js';
import { CourseListResponse, CourseResponse } from './dto/courses.response.js';

@ApiTags('courses')
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({ summary: 'Create a course' })
  @ApiCreatedResponse({ type: CourseResponse })
  @ApiProblems(400, 409)
  create(@CurrentUser() admin: UserView, @Body() body: CreateCourseDto) {
    return this.courses.createCourse(admin, body);
  }

  @SignedIn()
  @Get()
  @ApiOperation({
    summary: 'List the courses, optionally of one format',
    description:
      'The active courses by default; status=retired the retired ones, status=all or include=retired both.',
  })
  @ApiOkResponse({ type: CourseListResponse })
  @ApiProblems(400)
  list(@Query() query: ListCoursesQuery) {
    const { include, status, ...page } = query;
    return this.courses.listCourses({
      ...page,
      status: status ?? (include === 'retired' ? 'all' : 'active'),
    });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({
    summary: "Change a course's code, title, CE hours and accreditor or completion minimum",
    description:
      'The format and sessionCount are fixed once the course has a cohort, sessionMinutes once a cohort has sessions (409); a taken code is 409; completionMinSessions above sessionCount is 400. Completions already recorded stay; cohorts not completed yet complete by the new minimum.',
  })
  @ApiOkResponse({ type: CourseResponse })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCourseDto,
  ) {
    return this.courses.updateCourse(admin, id, body);
  }

  @Roles(Role.Admin)
  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retire a course: it takes no new cohorts, its existing cohorts carry on',
    description: 'An already retired course is 409.',
  })
  @ApiOkResponse({ type: CourseResponse })
  @ApiProblems(400, 404, 409)
  retire(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RetireCourseDto,
  ) {
    return this.courses.retireCourse(admin, id, body?.reason);
  }

  @Roles(Role.Admin)
  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reinstate a retired course: it takes new cohorts again',
    description: 'A course that is not retired is 409.',
  })
  @ApiOkResponse({ type: CourseResponse })
  @ApiProblems(400, 404, 409)
  reinstate(@CurrentUser() admin: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.courses.reinstateCourse(admin, id);
  }

  @SignedIn()
  @Get(':id')
  @ApiOperation({ summary: 'One course' })
  @ApiOkResponse({ type: CourseResponse })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.courses.getCourse(id);
  }
}
