import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from '@msc/domain/applications';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  ApplicationDecisionDto,
  ApplicationsQuery,
  OwnApplicationsQuery,
  SubmitApplicationDto,
} from './dto/applications.dto.js';

@ApiTags('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Roles(Role.Trainee)
  @Post('applications')
  submit(@CurrentUser() user: UserView, @Body() body: SubmitApplicationDto) {
    return this.applications.submit(user, body);
  }

  @Roles(Role.Admin)
  @Get('applications')
  list(@Query() query: ApplicationsQuery) {
    return this.applications.list(query);
  }

  @Roles(Role.Trainee)
  @Get('me/applications')
  listOwn(@CurrentUser() user: UserView, @Query() query: OwnApplicationsQuery) {
    return this.applications.listOwn(user, query);
  }

  @SignedIn()
  @Get('applications/:id')
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.get(user, id);
  }

  @Roles(Role.Admin)
  @Post('applications/:id/decision')
  @HttpCode(200)
  decide(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApplicationDecisionDto,
  ) {
    return this.applications.decide(admin, id, body);
  }
}
