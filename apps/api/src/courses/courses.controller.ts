import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CoursesService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { CreateCourseDto, ListCoursesQuery } from './dto/courses.dto.js';
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
  @ApiOperation({ summary: 'List the courses, optionally of one format' })
  @ApiOkResponse({ type: CourseListResponse })
  @ApiProblems(400)
  list(@Query() query: ListCoursesQuery) {
    return this.courses.listCourses(query);
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
