import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { NotificationsService } from '@msc/domain/notifications';
import { JobName, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

@Processor(QueueName.Notifications)
export class NotificationsProcessor extends QueueProcessor<QueueName.Notifications> {
  readonly queue = QueueName.Notifications;
  readonly handlers: JobHandlers<QueueName.Notifications> = {
    [JobName.DeliverNotification]: (data) => this.notifications.deliver(data),
    [JobName.DeliverNotifications]: async ({ notifications }) => {
      const results = await this.notifications.deliverMany(notifications);
      return { delivered: results.filter((result) => result === 'delivered').length };
    },
  };

  constructor(
    config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {
    super(config);
  }
}
