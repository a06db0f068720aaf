import { Injectable } from '@nestjs/common';
import type { Actor } from '@msc/kernel';
import {
  type CalendarDate,
  practiceStats,
  type PracticeStats,
  todayIn,
  yearsBefore,
} from './practice-calendar.js';
import type { PracticeKind } from './practice-log.entity.js';
import { PracticeLogsRepository, type PracticeLogRow } from './practice-logs.repository.js';
import { PracticeError, PracticeErrorCode } from './practice.errors.js';

export interface PracticeLogView {
  id: string;
  date: CalendarDate;
  minutes: number;
  practice: PracticeKind;
  note: string | null;
  createdAt: string;
}

export interface NewPracticeLog {
  date: CalendarDate;
  minutes: number;
  practice: PracticeKind;
  note?: string | null;
}

/** How far back a trainee may log practice, in their own calendar. */
export const PRACTICE_LOG_MAX_AGE_YEARS = 1;

const toView = (row: PracticeLogRow): PracticeLogView => ({
  id: row.id,
  date: row.practiced_on,
  minutes: row.minutes,
  practice: row.practice,
  note: row.note,
  createdAt: row.created_at.toISOString(),
});

/** A trainee's own practice log, judged on their own calendar (users.time_zone). */
@Injectable()
export class PracticeService {
  constructor(private readonly logs: PracticeLogsRepository) {}

  async log(actor: Actor, input: NewPracticeLog, now = new Date()): Promise<PracticeLogView> {
    const today = todayIn(await this.timeZoneOf(actor.id), now);
    if (input.date > today) {
      throw new PracticeError(
        PracticeErrorCode.DateInFuture,
        `${input.date} is in the future: today is ${today} in your time zone`,
        { errors: [{ field: 'date', message: 'date must not be in the future' }] },
      );
    }
    const earliest = yearsBefore(today, PRACTICE_LOG_MAX_AGE_YEARS);
    if (input.date < earliest) {
      throw new PracticeError(
        PracticeErrorCode.DateTooOld,
        `${input.date} is more than a year ago: practice can be logged from ${earliest} on`,
        { errors: [{ field: 'date', message: `date must be ${earliest} or later` }] },
      );
    }
    const note = input.note?.trim() || null;
    return toView(
      await this.logs.insert({
        userId: actor.id,
        practicedOn: input.date,
        minutes: input.minutes,
        practice: input.practice,
        note,
      }),
    );
  }

  async list(
    actor: Actor,
    query: { from?: CalendarDate; to?: CalendarDate; limit: number; offset: number },
    now = new Date(),
  ): Promise<{ items: PracticeLogView[]; total: number; stats: PracticeStats }> {
    if (query.from && query.to && query.from > query.to) {
      throw new PracticeError(
        PracticeErrorCode.InvalidRange,
        `from (${query.from}) is after to (${query.to})`,
        { errors: [{ field: 'from', message: 'from must not be after to' }] },
      );
    }
    const today = todayIn(await this.timeZoneOf(actor.id), now);
    const [page, days] = await Promise.all([
      this.logs.list({ userId: actor.id, ...query }),
      this.logs.statsDays(actor.id, today, 60),
    ]);
    return { items: page.items.map(toView), total: page.total, stats: practiceStats(days, today) };
  }

  private async timeZoneOf(userId: string): Promise<string> {
    const zone = await this.logs.timeZoneOf(userId);
    if (zone === null) {
      throw new PracticeError(PracticeErrorCode.TraineeNotFound, 'No trainee has this id');
    }
    return zone;
  }
}
