import { Injectable } from '@nestjs/common';
import { Outbox } from '@msc/db';
import { type DeliverNotificationPayload, JobName } from '@msc/queue';

/** Schedules a notification in the caller's transaction; the worker delivers it. */
@Injectable()
export class Notifier {
  constructor(private readonly outbox: Outbox) {}

  async notify(notification: DeliverNotificationPayload): Promise<void> {
    await this.outbox.add({ name: JobName.DeliverNotification, data: notification });
  }

  async notifyMany(notifications: DeliverNotificationPayload[]): Promise<void> {
    await this.outbox.addMany(
      notifications.map((data) => ({ name: JobName.DeliverNotification, data })),
    );
  }
}
