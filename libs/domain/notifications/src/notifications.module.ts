import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailLinkMinters } from './email-link-minters.js';
import { Mailer } from './mailer.js';
import { Notification } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';
import { Notifier } from './notifier.js';

export const notificationsEntities = [Notification];

@Module({
  imports: [TypeOrmModule.forFeature(notificationsEntities)],
  providers: [Notifier, NotificationsService, Mailer, EmailLinkMinters],
  exports: [Notifier, NotificationsService, EmailLinkMinters],
})
export class NotificationsModule {}
