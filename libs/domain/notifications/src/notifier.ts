import { Injectable } from '@nestjs/common';
import { Outbox, type RowText, TransactionHost, type WritePart } from '@msc/db';
import { JobName } from '@msc/queue';
import type { NotificationMessage } from './notification-message.js';
import { Recipients } from './recipients.js';

export type AdminMessage = Omit<NotificationMessage, 'userId' | 'dedupeKey'>;

/** Schedules a notification in the caller's transaction; the worker delivers it. */
@Injectable()
export class Notifier {
  constructor(
    private readonly outbox: Outbox,
    private readonly tx: TransactionHost,
    private readonly recipients: Recipients,
  ) {}

  async notify(notification: NotificationMessage): Promise<void> {
    await this.outbox.add(
      { name: JobName.DeliverNotification, data: notification },
      { runOfItsOwn: true },
    );
  }

  /** The notification as a part of another context's statement, sent when `gate` has a row. */
  part(notification: NotificationMessage): WritePart {
    return this.outbox.part([{ name: JobName.DeliverNotification, data: notification }], {
      runOfItsOwn: true,
    });
  }

  /**
   * A notification per row of `gate`, in another context's statement: the message as given, with
   * the fields of `fromRow` (whom, the dedupe key, the words) made from the row's columns. They
   * travel in one delivery job (one inbox statement for them all), however many rows there are.
   */
  partPerRow<Field extends 'userId' | 'dedupeKey' | 'title' | 'body'>(
    message: Omit<NotificationMessage, Field>,
    fromRow: Record<Field, RowText>,
  ): WritePart {
    return this.outbox.partOverRows(
      JobName.DeliverNotifications,
      {},
      { field: 'notifications', item: message, fromRow },
    );
  }

  async notifyMany(notifications: NotificationMessage[]): Promise<void> {
    await this.outbox.addMany(
      notifications.map((data) => ({ name: JobName.DeliverNotification, data })),
      { runOfItsOwn: true },
    );
  }

  /**
   * Tells every admin, once each: the dedupe key is `<dedupeKey>-<adminId>`, so the same event
   * notified again reaches nobody twice. Returns how many admins it notified.
   */
  async notifyAdmins(dedupeKey: string, message: AdminMessage): Promise<number> {
    const admins = await this.tx.query<{ id: string }>(
      `SELECT u.id FROM ${this.recipients.relation} u WHERE u.roles @> ARRAY['admin']::text[] ORDER BY u.id`,
    );
    await this.notifyMany(
      admins.map(({ id }) => ({ ...message, userId: id, dedupeKey: `${dedupeKey}-${id}` })),
    );
    return admins.length;
  }
}
