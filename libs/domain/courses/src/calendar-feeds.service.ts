import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { PEOPLE } from '@msc/domain/identity';
import { DeliveryMode } from './course.entity.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { type CalendarEvent, serializeCalendar } from './ics.js';
import { SignedLinks } from './signed-links.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface FeedSessionRow {
  id: string;
  number: number;
  starts_at: Date;
  ends_at: Date;
  sequence: number;
  updated_at: Date;
  cohort_title: string;
  local_time: string;
  time_zone: string;
  course_title: string;
  delivery_mode: DeliveryMode;
  session_count: number;
  teaching: boolean;
}

/** The path of a feed's URL: the feed's id and its HMAC (`<feedId>.<mac>`), then a file name. */
export function calendarFeedPath(token: string): string {
  return `/api/v1/calendar-feeds/${token}/sessions.ics`;
}

/**
 * Personal iCalendar feeds that calendar apps subscribe to without an Authorization header: the
 * URL holds a random feed id and an HMAC of it under a server secret, so neither guessing ids nor
 * reading the table gives someone else's feed. Rotating replaces the id: the old URL finds nothing.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly links: SignedLinks,
    private readonly audit: AuditLog,
  ) {}

  /** The person's feed URL, made on first use and the same on every later call. */
  async feedUrl(userId: string): Promise<{ url: string }> {
    await this.tx.query(
      'INSERT INTO calendar_feeds (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING',
      [userId],
    );
    const [row] = await this.tx.query<{ feed_id: string }>(
      'SELECT feed_id FROM calendar_feeds WHERE user_id = $1',
      [userId],
    );
    return { url: await this.urlOf(row!.feed_id) };
  }

  /** A new URL; the old one stops working at once. */
  async rotate(userId: string): Promise<{ url: string }> {
    return this.tx.transaction(async () => {
      const [row] = await this.tx.query<{ feed_id: string }>(
        `INSERT INTO calendar_feeds (user_id) VALUES ($1)
         ON CONFLICT (user_id) DO UPDATE SET feed_id = gen_random_uuid(), rotated_at = now()
         RETURNING feed_id`,
        [userId],
      );
      await this.audit.record({
        actorId: userId,
        action: 'calendar_feed.rotated',
        subject: `user/${userId}`,
      });
      return { url: await this.urlOf(row!.feed_id) };
    });
  }

  /** The feed a token opens: every session of the cohorts its person is enrolled in or teaches. */
  async feed(token: string): Promise<{ filename: string; body: string }> {
    const [feedId, mac] = token.split('.');
    if (
      token.split('.').length !== 2 ||
      !feedId ||
      !mac ||
      !UUID.test(feedId) ||
      !(await this.links.tokenMatches(`calendar-feed:${feedId}`, mac))
    ) {
      throw notFound();
    }
    const [owner] = await this.tx.query<{ user_id: string; time_zone: string }>(
      `SELECT f.user_id, u.time_zone FROM calendar_feeds f JOIN ${PEOPLE} u ON u.id = f.user_id
       WHERE f.feed_id = $1`,
      [feedId],
    );
    if (!owner) throw notFound();
    const sessions = await this.tx.query<FeedSessionRow>(
      `WITH mine AS (
         SELECT cohort_id, false AS teaching FROM enrollments
         WHERE user_id = $1 AND status = 'enrolled'
         UNION ALL
         SELECT cohort_id, true AS teaching FROM cohort_teachers WHERE user_id = $1
       ), cohorts_of AS (
         SELECT cohort_id, bool_or(teaching) AS teaching FROM mine GROUP BY cohort_id
       )
       SELECT s.id, s.number, s.starts_at, s.ends_at, s.sequence, s.updated_at,
              c.title AS cohort_title, c.local_time, c.time_zone,
              co.title AS course_title, co.delivery_mode, co.session_count, m.teaching
       FROM cohorts_of m
       JOIN cohorts c ON c.id = m.cohort_id
       JOIN courses co ON co.id = c.course_id
       JOIN cohort_sessions s ON s.cohort_id = c.id
       WHERE c.status <> 'cancelled'
       ORDER BY s.starts_at, s.id`,
      [owner.user_id],
    );
    const events = sessions.map((s): CalendarEvent => ({
      uid: `${s.id}@msc-pathway`,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      stampedAt: s.updated_at,
      sequence: s.sequence,
      summary: `${s.teaching ? 'Teaching ' : ''}${s.course_title}: session ${s.number} of ${s.session_count}`,
      description: `${s.cohort_title}, session ${s.number} of ${s.session_count} (${s.local_time} ${s.time_zone}).`,
      location: s.delivery_mode === DeliveryMode.Online ? 'Online' : undefined,
    }));
    const body = serializeCalendar({
      name: 'MSC Pathway sessions',
      timeZone: owner.time_zone,
      events,
    });
    return { filename: 'msc-pathway.ics', body };
  }

  private async urlOf(feedId: string): Promise<string> {
    const mac = await this.links.token(`calendar-feed:${feedId}`);
    return `${this.links.baseUrl}${calendarFeedPath(`${feedId}.${mac}`)}`;
  }
}

function notFound(): CoursesError {
  return new CoursesError(
    CoursesErrorCode.CalendarFeedNotFound,
    'No calendar feed has this address; it may have been replaced by a new one',
  );
}
