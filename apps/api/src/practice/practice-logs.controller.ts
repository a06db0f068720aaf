import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PracticeService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import { ListPracticeLogsQuery, LogPracticeDto } from './dto/practice-logs.dto.js';
import { PracticeLogListResponse, PracticeLogResponse } from './dto/practice-logs.response.js';

@ApiTags('practice')
@Controller('me/practice-logs')
@Roles(Role.Trainee)
export class PracticeLogsController {
  constructor(private readonly practice: PracticeService) {}

  @Post()
  @ApiOperation({ summary: 'Log a day of practice' })
  @ApiCreatedResponse({ type: PracticeLogResponse })
  @ApiProblems(400)
  log(@CurrentUser() user: UserView, @Body() body: LogPracticeDto) {
    return this.practice.log(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'My practice log, with the 60-day count and the streak' })
  @ApiOkResponse({ type: PracticeLogListResponse })
  @ApiProblems(400)
  list(@CurrentUser() user: UserView, @Query() query: ListPracticeLogsQuery) {
    return this.practice.list(user, query);
  }
}
