import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../identity/session';

export interface Formatters {
  /** The IANA zone times are shown in: the person's own, else the browser's. */
  zone: string;
  /** A date and time with the zone named, e.g. "Tue, Dec 1, 2026, 7:00 PM GMT+1 (Europe/Lisbon)". */
  dateTime(value: string | Date): string;
  /** A readable date, e.g. "Tue, Dec 1, 2026". */
  date(value: string | Date): string;
  /** A time of day with the zone named. */
  time(value: string | Date): string;
  /** A calendar date without time (an ISO `YYYY-MM-DD`), never shifted by a zone. */
  day(value: string): string;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function makeFormatters(locale: string, zone: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const zoneName = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  const offset = (value: Date) =>
    zoneName.formatToParts(value).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const named = (text: string, value: Date) => `${text} ${offset(value)} (${zone})`;
  return {
    zone,
    dateTime: (value) => named(dateTime.format(toDate(value)), toDate(value)),
    date: (value) => date.format(toDate(value)),
    time: (value) => named(time.format(toDate(value)), toDate(value)),
    day: (value) => day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)),
  };
}

/** The one way pages show dates and times: in the signed-in person's zone, naming it. */
export function useFormat(): Formatters {
  const state = useSession();
  const { i18n } = useTranslation();
  const zone = state.status === 'signed-in' ? state.user.timeZone : browserTimeZone();
  return useMemo(() => makeFormatters(i18n.language, zone), [i18n.language, zone]);
}
