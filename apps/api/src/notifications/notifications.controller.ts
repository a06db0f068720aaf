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
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { UserView } from '@msc/domain/identity';
import { NotificationsService } from '@msc/domain/notifications';
import { PageQuery } from '../common/pagination.dto.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { SignedIn } from '../http/roles.decorator.js';

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
  list(@CurrentUser() user: UserView, @Query() query: InboxQuery) {
    return this.notifications.list(user.id, query);
  }

  @Post('read-all')
  @HttpCode(204)
  async markAllRead(@CurrentUser() user: UserView): Promise<void> {
    await this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(204)
  async markRead(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    if (!(await this.notifications.markRead(user.id, id)))
      throw new NotFoundException('No such notification');
  }
}
