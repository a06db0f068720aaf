import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { UserView } from '@msc/domain/identity';
import { NotificationsService } from '@msc/domain/notifications';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { SignedIn } from '../http/roles.decorator.js';
import { NotificationListResponse } from './dto/notifications.response.js';

class InboxQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

@ApiTags('notifications')
@Controller('me/notifications')
@SignedIn()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: NotificationListResponse })
  @ApiProblems(400)
  list(@CurrentUser() user: UserView, @Query() query: InboxQuery) {
    return this.notifications.list(user.id, query);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiNoContentResponse({ description: 'All read' })
  async markAllRead(@CurrentUser() user: UserView): Promise<void> {
    await this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiNoContentResponse({ description: 'Read' })
  @ApiProblems(400, 404)
  async markRead(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    if (!(await this.notifications.markRead(user.id, id)))
      throw new NotFoundException('No such notification');
  }
}
