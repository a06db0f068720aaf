import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { EmailLinkMinters } from './email-link-minters.js';
import { actionFor, fillTimes, renderEmail } from './email-template.js';
import { Mailer } from './mailer.js';
import type { EmailRecipientRow, NotificationMessage } from './notification-message.js';
import { Recipients } from './recipients.js';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export type DeliveryResult = 'delivered' | 'already_delivered' | 'unknown_user';

/** How long a claim to send an e-mail holds; the mailer gives up well before (≈ 50 s). */
export const EMAIL_CLAIM_SECONDS = 120;

/** E-mails of one delivery that fail one after the other before the rest waits for its retry. */
export const EMAIL_FAILURES_IN_A_ROW = 3;

/** The e-mail is being sent by another worker right now; the job retries later. */
export class EmailInFlightError extends Error {
  constructor(readonly dedupeKey: string) {
    super(`the e-mail of notification ${dedupeKey} is being sent elsewhere; retry later`);
    this.name = 'EmailInFlightError';
  }
}

/** The in-app inbox, and e-mail besides when SMTP is configured. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly mailer: Mailer,
    private readonly minters: EmailLinkMinters,
    private readonly recipients: Recipients,
  ) {}

  /**
   * Idempotent: one inbox row per dedupe key; the e-mail goes once, guarded by emailed_at. Times
   * in the message are written in the person's zone as it is when the notification is delivered.
   */
  async deliver(payload: NotificationMessage): Promise<DeliveryResult> {
    return (await this.deliverMany([payload]))[0]!;
  }

  /**
   * Many notifications, as `deliver` each, in two statements: the people's time zones, then every
   * inbox row. The e-mails follow one by one; one that fails does not keep the others from going
   * (unless EMAIL_FAILURES_IN_A_ROW fail in a row), and the first failure is thrown after, so that
   * the job retries: the inbox rows and the e-mails already sent are not repeated.
   */
  async deliverMany(payloads: readonly NotificationMessage[]): Promise<DeliveryResult[]> {
    if (payloads.length === 0) return [];
    const people = await this.tx.query<{ id: string; time_zone: string }>(
      `SELECT u.id, u.time_zone FROM ${this.recipients.relation} u WHERE u.id = ANY($1::uuid[])`,
      [[...new Set(payloads.map((payload) => payload.userId))]],
    );
    const zoneOf = new Map(people.map((person) => [person.id, person.time_zone]));
    const known = payloads.filter((payload) => zoneOf.has(payload.userId));
    const rows = [...new Map(known.map((payload) => [payload.dedupeKey, payload])).values()];
    const inserted = new Set(
      rows.length === 0
        ? []
        : (
            await this.tx.query<{ dedupe_key: string }>(
              // Joined again: a person gone since the read above gets no row.
              `INSERT INTO notifications (user_id, dedupe_key, kind, title, body)
               SELECT n.user_id, n.dedupe_key, n.kind, n.title, n.body
               FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
                    AS n(user_id, dedupe_key, kind, title, body)
               JOIN ${this.recipients.relation} u ON u.id = n.user_id
               ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
              [
                rows.map((row) => row.userId),
                rows.map((row) => row.dedupeKey),
                rows.map((row) => row.kind),
                rows.map((row) => fillTimes(row.title, row.times, zoneOf.get(row.userId)!)),
                rows.map((row) => fillTimes(row.body, row.times, zoneOf.get(row.userId)!)),
              ],
            )
          ).map((row) => row.dedupe_key),
    );
    let failure: unknown;
    let failedInARow = 0;
    if (this.mailer.enabled) {
      for (const payload of known) {
        if (!payload.email) continue;
        try {
          await this.email(payload);
          failedInARow = 0;
        } catch (error) {
          failure ??= error;
          // One refused address does not keep the others waiting; several in a row say the
          // server is down or hung (each try waits for the mailer's timeouts): the retry goes on.
          if (++failedInARow === EMAIL_FAILURES_IN_A_ROW) break;
        }
      }
    }
    if (failure !== undefined) throw failure;
    return payloads.map((payload) =>
      !zoneOf.has(payload.userId)
        ? 'unknown_user'
        : inserted.delete(payload.dedupeKey)
          ? 'delivered'
          : 'already_delivered',
    );
  }

  async list(userId: string, query: { unread?: boolean; limit: number; offset: number }) {
    const page = await this.tx.page<{
      id: string;
      kind: string;
      title: string;
      body: string;
      created_at: Date;
      read_at: Date | null;
      unread: string;
    }>(
      {
        sql: `SELECT id, kind, title, body, created_at, read_at,
                     (SELECT count(*) FROM notifications u
                      WHERE u.user_id = $1 AND u.read_at IS NULL) AS unread
              FROM notifications WHERE user_id = $1 AND (NOT $2::boolean OR read_at IS NULL)`,
        params: [userId, query.unread ?? false],
        orderBy: 'created_at DESC, id DESC',
      },
      query,
    );
    // Every row carries the unread count (computed once); a page past the end has no row to carry
    // it. An empty first page means no notification (or no unread one) at all: 0 is right then.
    let unread = Number(page.items[0]?.unread ?? 0);
    if (page.items.length === 0 && query.offset > 0) {
      const [counted] = await this.tx.query<{ n: string }>(
        'SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
        [userId],
      );
      unread = Number(counted!.n);
    }
    return {
      items: page.items.map((r): NotificationView => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
      })),
      total: page.total,
      unread,
    };
  }

  /** Marks one of the user's notifications read; false when it is not theirs or not there. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, userId],
    );
    return rows.length > 0;
  }

  /** Marks every unread notification of the user read; returns how many it marked. */
  async markAllRead(userId: string): Promise<number> {
    const rows = await this.tx.query(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id',
      [userId],
    );
    return rows.length;
  }

  private async email(payload: NotificationMessage): Promise<void> {
    // A lease, not a mark: a worker that dies between the claim and the send leaves a claim that
    // expires, and the job's retry sends the e-mail then. Longer than the mailer's timeouts, so
    // that a send still under way is never doubled.
    const claimed = await this.tx.query<{
      user_id: string;
      email: string;
      display_name: string;
      time_zone: string;
      title: string;
      body: string;
    }>(
      `UPDATE notifications n SET email_claimed_at = now() FROM ${this.recipients.relation} u
       WHERE n.dedupe_key = $1 AND n.emailed_at IS NULL AND u.id = n.user_id
         AND (n.email_claimed_at IS NULL
              OR n.email_claimed_at < now() - make_interval(secs => $2))
       RETURNING u.id AS user_id, u.email, u.display_name, u.time_zone, n.title, n.body`,
      [payload.dedupeKey, EMAIL_CLAIM_SECONDS],
    );
    if (claimed.length === 0) {
      const [row] = await this.tx.query<{ emailed_at: Date | null }>(
        'SELECT emailed_at FROM notifications WHERE dedupe_key = $1',
        [payload.dedupeKey],
      );
      // Another worker holds the claim: fail, so that the job retries once it has sent or expired.
      if (row && row.emailed_at === null) throw new EmailInFlightError(payload.dedupeKey);
      return;
    }
    const row = claimed[0]!;
    try {
      const recipient: EmailRecipientRow = {
        userId: row.user_id,
        email: row.email,
        displayName: row.display_name,
        timeZone: row.time_zone,
      };
      const action = payload.secretLink
        ? await this.minters.get(payload.secretLink.minter)(payload.secretLink.ref, recipient)
        : actionFor(this.config.PUBLIC_BASE_URL, payload.kind, payload.link);
      // A secret link that can no longer be made (its request expired or was used): nothing to send.
      if (action) {
        const rendered = renderEmail({
          // The inbox row's title and body: the times in them are already in the person's zone.
          title: row.title,
          body: row.body,
          recipient,
          action,
          baseUrl: this.config.PUBLIC_BASE_URL,
        });
        await this.mailer.send({ to: row.email, ...rendered });
      }
    } catch (error) {
      // Released so that the job's retry sends it; the send's error is what the job reports.
      await this.tx
        .query('UPDATE notifications SET email_claimed_at = NULL WHERE dedupe_key = $1', [
          payload.dedupeKey,
        ])
        .catch((release: unknown) =>
          this.logger.error(
            { err: release, dedupeKey: payload.dedupeKey },
            'could not release the e-mail claim; it is retried once the claim expires',
          ),
        );
      throw error;
    }
    await this.tx.query(
      'UPDATE notifications SET emailed_at = now(), email_claimed_at = NULL WHERE dedupe_key = $1',
      [payload.dedupeKey],
    );
  }
}
