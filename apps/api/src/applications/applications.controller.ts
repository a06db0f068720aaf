import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from '@msc/domain/applications';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  ApplicationDecisionDto,
  ApplicationsQuery,
  OwnApplicationsQuery,
  SubmitApplicationDto,
} from './dto/applications.dto.js';
import {
  AdminApplicationListResponse,
  ApplicationListResponse,
  ApplicationResponse,
} from './dto/applications.response.js';

@ApiTags('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Roles(Role.Trainee)
  @Post('applications')
  @ApiOperation({ summary: 'Apply for teacher training' })
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiProblems(400, 409, 422)
  submit(@CurrentUser() user: UserView, @Body() body: SubmitApplicationDto) {
    return this.applications.submit(user, body);
  }

  @Roles(Role.Admin)
  @Get('applications')
  @ApiOperation({ summary: 'List teacher-training applications, optionally by status' })
  @ApiOkResponse({ type: AdminApplicationListResponse })
  @ApiProblems(400)
  list(@Query() query: ApplicationsQuery) {
    return this.applications.list(query);
  }

  @Roles(Role.Trainee)
  @Get('me/applications')
  @ApiOperation({ summary: 'My teacher-training applications' })
  @ApiOkResponse({ type: ApplicationListResponse })
  @ApiProblems(400)
  listOwn(@CurrentUser() user: UserView, @Query() query: OwnApplicationsQuery) {
    return this.applications.listOwn(user, query);
  }

  @SignedIn()
  @Get('applications/:id')
  @ApiOperation({ summary: 'One application (its trainee or an admin)' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblems(400, 403, 404)
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.get(user, id);
  }

  @Roles(Role.Admin)
  @Post('applications/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject an application' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblems(400, 404, 409)
  decide(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApplicationDecisionDto,
  ) {
    return this.applications.decide(admin, id, body);
  }
}
