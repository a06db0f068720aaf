import { DateTime } from 'luxon';

/** Calendar dates are `YYYY-MM-DD` strings: they sort and compare as text. */
export type CalendarDate = string;

export interface PracticeStats {
  /** Distinct days with practice within the last 60 days, today included. */
  daysLast60: number;
  /** Consecutive days with practice ending today, or yesterday while nothing is logged today. */
  currentStreak: number;
}

/** The trainee's own today: the date on their wall calendar at `now`. */
export function todayIn(zone: string, now: Date): CalendarDate {
  if (zone === 'UTC') return now.toISOString().slice(0, 10);
  // Every zone's offset, and every change of it, falls on a quarter hour of UTC: the date on a
  // zone's calendar is the same throughout a UTC quarter hour, so it is formatted once for it.
  const quarter = Math.floor(now.getTime() / QUARTER_HOUR_MS);
  const key = `${zone}@${quarter}`;
  let today = todays.get(key);
  if (today === undefined) {
    const parts = calendarOf(zone).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)!.value;
    today = `${part('year')}-${part('month')}-${part('day')}`;
    if (todays.size >= 1000) todays.clear();
    todays.set(key, today);
  }
  return today;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const todays = new Map<string, CalendarDate>();
const calendars = new Map<string, Intl.DateTimeFormat>();

/** A formatter of the date in `zone`, made once per zone (making one is the costly part). */
function calendarOf(zone: string): Intl.DateTimeFormat {
  let calendar = calendars.get(zone);
  if (!calendar) {
    const options = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    try {
      calendar = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    } catch {
      // An unknown zone; users.time_zone is validated when it is set, so this is a fallback only.
      calendar = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    if (calendars.size >= 1000) calendars.clear();
    calendars.set(zone, calendar);
  }
  return calendar;
}

/**
 * The instant the calendar day `date` begins in `zone` (its first moment, where a change of offset
 * skips midnight). It depends on the two alone, so each is worked out once (luxon's zone
 * arithmetic is the costly part of judging practice).
 */
export function startOfDayIn(date: CalendarDate, zone: string): Date {
  const key = `${zone}@${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = DateTime.fromISO(date, { zone }).startOf('day').toMillis();
    if (dayStarts.size >= 10_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return new Date(start);
}

const dayStarts = new Map<string, number>();

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The same calendar date `years` earlier (29 February falls back to the 28th). */
export function yearsBefore(date: CalendarDate, years: number): CalendarDate {
  return DateTime.fromISO(date, { zone: 'utc' }).minus({ years }).toISODate()!;
}

/** The first day of a window of `windowDays` days that ends with (and includes) `today`. */
export const windowStart = (today: CalendarDate, windowDays: number) =>
  addDays(today, -(windowDays - 1));

/** The distinct days within the window of `windowDays` ending today, in ascending order. */
export function daysInWindow(
  days: Iterable<CalendarDate>,
  today: CalendarDate,
  windowDays: number,
): CalendarDate[] {
  const first = windowStart(today, windowDays);
  return [...new Set(days)].filter((day) => day >= first && day <= today).sort();
}

export function currentStreak(days: Iterable<CalendarDate>, today: CalendarDate): number {
  const practised = new Set(days);
  let day = practised.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (practised.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

export function practiceStats(days: Iterable<CalendarDate>, today: CalendarDate): PracticeStats {
  const distinct = [...new Set(days)];
  return {
    daysLast60: daysInWindow(distinct, today, 60).length,
    currentStreak: currentStreak(distinct, today),
  };
}
