import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { evidenceRow } from '@msc/domain/pathway';
import { PEOPLE } from '@msc/domain/identity';
import type { CalendarDate } from './practice-calendar.js';
import type { PracticeKind } from './practice-log.entity.js';

export interface PracticeLogRow {
  id: string;
  user_id: string;
  practiced_on: CalendarDate;
  minutes: number;
  practice: PracticeKind;
  note: string | null;
  created_at: Date;
}

const COLUMNS = `id, user_id, to_char(practiced_on, 'YYYY-MM-DD') AS practiced_on, minutes, practice, note, created_at`;

@Injectable()
export class PracticeLogsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async timeZoneOf(userId: string): Promise<string | null> {
    const rows = await this.tx.query<{ time_zone: string }>(
      `SELECT u.time_zone FROM ${PEOPLE} u WHERE u.id = $1`,
      [userId],
    );
    return rows[0]?.time_zone ?? null;
  }

  async insert(log: {
    userId: string;
    practicedOn: CalendarDate;
    minutes: number;
    practice: PracticeKind;
    note: string | null;
  }): Promise<PracticeLogRow> {
    const [row] = await this.tx.query<PracticeLogRow>(
      `INSERT INTO practice_logs (user_id, practiced_on, minutes, practice, note)
       VALUES ($1, $2::date, $3, $4, $5) RETURNING ${COLUMNS}`,
      [log.userId, log.practicedOn, log.minutes, log.practice, log.note],
    );
    return row!;
  }

  async list(filter: {
    userId: string;
    from?: CalendarDate;
    to?: CalendarDate;
    limit: number;
    offset: number;
  }): Promise<{ items: PracticeLogRow[]; total: number }> {
    // practiced_on is selected as 'YYYY-MM-DD' text, which sorts as the date does.
    return this.tx.page<PracticeLogRow>(
      {
        sql: `SELECT ${COLUMNS} FROM practice_logs
              WHERE user_id = $1
                AND ($2::date IS NULL OR practiced_on >= $2::date)
                AND ($3::date IS NULL OR practiced_on <= $3::date)`,
        params: [filter.userId, filter.from ?? null, filter.to ?? null],
        orderBy: 'practiced_on DESC, created_at DESC, id DESC',
      },
      filter,
    );
  }

  /**
   * The distinct practice days the stats need, up to `today`: those of the last `windowDays` days
   * and the whole most recent run of consecutive days (a streak may be older than any window).
   * Consecutive days share `day + rank` when ranked newest first: that is the run's mark.
   */
  async statsDays(
    userId: string,
    today: CalendarDate,
    windowDays: number,
  ): Promise<CalendarDate[]> {
    const rows = await this.tx.query<{ day: CalendarDate }>(
      `WITH days AS (
         SELECT DISTINCT practiced_on AS day FROM practice_logs
         WHERE user_id = $1 AND practiced_on <= $2::date
       ), ranked AS (
         SELECT day, day + (row_number() OVER (ORDER BY day DESC))::int AS run FROM days
       )
       SELECT to_char(day, 'YYYY-MM-DD') AS day FROM ranked
       WHERE day > $2::date - $3::int
          OR run = (SELECT run FROM ranked ORDER BY day DESC LIMIT 1)
       ORDER BY day DESC`,
      [userId, today, windowDays],
    );
    return rows.map((row) => row.day);
  }

  /**
   * The progress statement's part (see EvidenceSql) of the user's time zone and the distinct days
   * they logged practice on from `since`: one JSON object, null when there is no such user.
   * `userId` and `since` are SQL placeholders.
   */
  daysSinceSql(userId: string, since: string): string {
    return evidenceRow(
      `SELECT u.time_zone,
              ARRAY(SELECT DISTINCT to_char(p.practiced_on, 'YYYY-MM-DD') FROM practice_logs p
                    WHERE p.user_id = u.id AND p.practiced_on >= ${since}) AS days
       FROM ${PEOPLE} u WHERE u.id = ${userId}`,
    );
  }
}
