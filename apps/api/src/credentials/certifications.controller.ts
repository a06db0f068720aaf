import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CertificationService } from '@msc/domain/credentials';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  DecideCertificationDto,
  ListCertificationsQuery,
  RequestCertificationDto,
} from './dto/credentials.dto.js';

@ApiTags('certification')
@Controller()
export class CertificationsController {
  constructor(private readonly certification: CertificationService) {}

  @Roles(Role.Trainee)
  @Post('certifications')
  @ApiUnprocessableEntityResponse({ description: 'Requirements unmet, listed in `unmet`' })
  request(@CurrentUser() user: UserView, @Body() body: RequestCertificationDto) {
    return this.certification.request(user, body.designation);
  }

  @Roles(Role.Admin)
  @Get('certifications')
  list(@Query() query: ListCertificationsQuery) {
    return this.certification.list(query);
  }

  @SignedIn()
  @Get('me/certifications')
  mine(@CurrentUser() user: UserView, @Query() query: PageQuery) {
    return this.certification.list({ ...query, traineeId: user.id });
  }

  @SignedIn()
  @Get('certifications/:id')
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.certification.get(user, id);
  }

  @Roles(Role.Admin)
  @Post('certifications/:id/decision')
  @HttpCode(200)
  decide(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideCertificationDto,
  ) {
    return this.certification.decide(admin, id, body.decision, body.note ?? null);
  }
}
