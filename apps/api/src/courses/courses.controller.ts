import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CoursesService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { CreateCourseDto, ListCoursesQuery } from './dto/courses.dto.js';

@ApiTags('courses')
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Roles(Role.Admin)
  @Post()
  create(@CurrentUser() admin: UserView, @Body() body: CreateCourseDto) {
    return this.courses.createCourse(admin, body);
  }

  @SignedIn()
  @Get()
  list(@Query() query: ListCoursesQuery) {
    return this.courses.listCourses(query);
  }

  @SignedIn()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.courses.getCourse(id);
  }
}
