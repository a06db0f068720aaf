import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificationService } from '@msc/domain/credentials';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblemResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import {
  DecideCertificationDto,
  ListCertificationsQuery,
  RequestCertificationDto,
} from './dto/credentials.dto.js';
import {
  AdminCertificationListResponse,
  CertificationDecisionResponse,
  CertificationListResponse,
  CertificationRequestedResponse,
  CertificationResponse,
} from './dto/certifications.response.js';

@ApiTags('certification')
@Controller()
export class CertificationsController {
  constructor(private readonly certification: CertificationService) {}

  @Roles(Role.Trainee)
  @Post('certifications')
  @ApiOperation({ summary: 'Ask to be certified as a trained or certified teacher' })
  @ApiCreatedResponse({ type: CertificationRequestedResponse })
  @ApiProblems(400, 409)
  @ApiProblemResponse(422, 'Requirements unmet, listed in `unmet`')
  request(@CurrentUser() user: UserView, @Body() body: RequestCertificationDto) {
    return this.certification.request(user, body.designation);
  }

  @Roles(Role.Admin)
  @Get('certifications')
  @ApiOperation({ summary: 'List certification requests, optionally by status' })
  @ApiOkResponse({ type: AdminCertificationListResponse })
  @ApiProblems(400)
  list(@Query() query: ListCertificationsQuery) {
    return this.certification.listForAdmin(query);
  }

  @SignedIn()
  @Get('me/certifications')
  @ApiOperation({ summary: 'My certification requests' })
  @ApiOkResponse({ type: CertificationListResponse })
  @ApiProblems(400)
  mine(@CurrentUser() user: UserView, @Query() query: PageQuery) {
    return this.certification.list({ ...query, traineeId: user.id });
  }

  @SignedIn()
  @Get('certifications/:id')
  @ApiOperation({ summary: 'One certification request (its trainee or an admin)' })
  @ApiOkResponse({ type: CertificationResponse })
  @ApiProblems(400, 403, 404)
  get(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.certification.get(user, id);
  }

  @Roles(Role.Admin)
  @Post('certifications/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (issuing the credential) or reject a request' })
  @ApiOkResponse({ type: CertificationDecisionResponse })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideCertificationDto,
  ) {
    return this.certification.decide(admin, id, body.decision, body.note ?? null);
  }
}
