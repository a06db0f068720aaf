import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { PathwayVersionsService } from '@msc/domain/pathway';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles } from '../http/roles.decorator.js';
import { ListPathwayVersionsQuery, PublishPathwayVersionDto } from './dto/pathway-version.dto.js';

@ApiTags('pathway')
@Controller('pathway-versions')
@Roles(Role.Admin)
export class PathwayVersionsController {
  constructor(private readonly versions: PathwayVersionsService) {}

  /** Publishes the next version; new trainees start on it, pinned trainees stay where they are. */
  @Post()
  publish(@CurrentUser() admin: UserView, @Body() body: PublishPathwayVersionDto) {
    return this.versions.publish(admin, body);
  }

  @Get()
  list(@Query() query: ListPathwayVersionsQuery) {
    return this.versions.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.versions.get(id);
  }
}
