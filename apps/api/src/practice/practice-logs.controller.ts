import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PracticeService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles } from '../http/roles.decorator.js';
import { ListPracticeLogsQuery, LogPracticeDto } from './dto/practice-logs.dto.js';

@ApiTags('practice')
@Controller('me/practice-logs')
@Roles(Role.Trainee)
export class PracticeLogsController {
  constructor(private readonly practice: PracticeService) {}

  @Post()
  log(@CurrentUser() user: UserView, @Body() body: LogPracticeDto) {
    return this.practice.log(user, body);
  }

  @Get()
  list(@CurrentUser() user: UserView, @Query() query: ListPracticeLogsQuery) {
    return this.practice.list(user, query);
  }
}
