import { DateTime } from 'luxon';
import { SessionCadence } from './cohort.entity.js';

export interface SessionPlanInput {
  /** `YYYY-MM-DD`, the local date of the first session. */
  startDate: string;
  /** `HH:mm`, the local wall-clock time of every session. */
  localTime: string;
  /** IANA zone the date and time are local to. */
  timeZone: string;
  sessionCount: number;
  sessionMinutes: number;
  cadence: SessionCadence;
}

export interface PlannedSession {
  number: number;
  startsAt: Date;
  endsAt: Date;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** A real calendar date `YYYY-MM-DD` (no 2027-02-30). */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const date = DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    { zone: 'UTC' },
  );
  return date.isValid && date.year >= 1970 && date.year <= 2200;
}

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME.test(value);
}

/**
 * The sessions of a cohort: one a week on the start date's weekday (or one a day), each at the same
 * local wall-clock time in the cohort's zone, so that the UTC instant shifts across daylight-saving
 * changes while the local time does not. A local time that does not exist on a spring-forward day
 * moves forward by the gap (02:30 becomes 03:30); an ambiguous fall-back time takes the offset
 * luxon resolves it to (the standard-time one).
 */
export function planSessions(input: SessionPlanInput): PlannedSession[] {
  if (!isLocalDate(input.startDate)) throw new RangeError(`bad start date "${input.startDate}"`);
  const time = LOCAL_TIME.exec(input.localTime);
  if (!time) throw new RangeError(`bad local time "${input.localTime}"`);
  if (!isTimeZone(input.timeZone)) throw new RangeError(`bad time zone "${input.timeZone}"`);
  const [year, month, day] = input.startDate.split('-').map(Number) as [number, number, number];
  const stepDays = input.cadence === SessionCadence.Daily ? 1 : 7;
  const first = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  const sessions: PlannedSession[] = [];
  for (let i = 0; i < input.sessionCount; i++) {
    // Calendar arithmetic on the local date, then the wall-clock time placed in the zone.
    const date = first.plus({ days: i * stepDays });
    const startsAt = DateTime.fromObject(
      {
        year: date.year,
        month: date.month,
        day: date.day,
        hour: Number(time[1]),
        minute: Number(time[2]),
      },
      { zone: input.timeZone },
    );
    sessions.push({
      number: i + 1,
      startsAt: startsAt.toJSDate(),
      endsAt: startsAt.plus({ minutes: input.sessionMinutes }).toJSDate(),
    });
  }
  return sessions;
}
