import type { DeliverNotificationPayload } from '@msc/queue';
import type { EmailAction } from './email-template.js';

/**
 * A notification as the contexts send it: the delivery job's payload plus what its e-mail needs.
 * The extra fields travel in the job's JSON payload and are read back when it is delivered.
 */
export interface NotificationMessage extends DeliverNotificationPayload {
  /** The web app page to act on (`/my-courses`, `/verify/<id>`); by default the kind's page. */
  link?: { path: string; label?: string };
  /**
   * Instants named `{name}` in the title and body, written in the person's time zone (read when
   * the notification is delivered) with the zone named.
   */
  times?: Record<string, string>;
  /**
   * The e-mail's link holds a secret made only when the e-mail is sent, by the minter registered
   * under this name (`EmailLinkMinters`): the secret is never kept in the outbox or the queue.
   */
  secretLink?: { minter: string; ref: string };
}

/** The person an e-mail goes to, read when it is sent. */
export interface EmailRecipientRow {
  userId: string;
  email: string;
  displayName: string;
  timeZone: string;
}

/** Makes a secret link for one e-mail as it is sent; null when there is nothing to send any more. */
export type EmailLinkMinter = (
  ref: string,
  recipient: EmailRecipientRow,
) => Promise<EmailAction | null>;
