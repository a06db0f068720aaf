import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { PathwayVersionsService } from '@msc/domain/pathway';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import { ListPathwayVersionsQuery, PublishPathwayVersionDto } from './dto/pathway-version.dto.js';
import {
  PathwayVersionListResponse,
  PathwayVersionResponse,
} from './dto/pathway-version.response.js';

@ApiTags('pathway')
@Controller('pathway-versions')
@Roles(Role.Admin)
export class PathwayVersionsController {
  constructor(private readonly versions: PathwayVersionsService) {}

  /** Publishes the next version; new trainees start on it, pinned trainees stay where they are. */
  @Post()
  @ApiOperation({ summary: 'Publish the next version of a pathway' })
  @ApiCreatedResponse({ type: PathwayVersionResponse })
  @ApiProblems(400)
  publish(@CurrentUser() admin: UserView, @Body() body: PublishPathwayVersionDto) {
    return this.versions.publish(admin, body);
  }

  @Get()
  @ApiOperation({ summary: 'List pathway versions' })
  @ApiOkResponse({ type: PathwayVersionListResponse })
  @ApiProblems(400)
  list(@Query() query: ListPathwayVersionsQuery) {
    return this.versions.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One pathway version with its stages and requirements' })
  @ApiOkResponse({ type: PathwayVersionResponse })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.versions.get(id);
  }
}
