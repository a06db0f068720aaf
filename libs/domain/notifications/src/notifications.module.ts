import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailLinkMinters } from './email-link-minters.js';
import { Mailer } from './mailer.js';
import { Notification } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';
import { Notifier } from './notifier.js';
import { Recipients } from './recipients.js';

export const notificationsEntities = [Notification];

@Module({
  imports: [TypeOrmModule.forFeature(notificationsEntities)],
  providers: [Notifier, NotificationsService, Mailer, EmailLinkMinters, Recipients],
  exports: [Notifier, NotificationsService, EmailLinkMinters, Recipients],
})
export class NotificationsModule {}
