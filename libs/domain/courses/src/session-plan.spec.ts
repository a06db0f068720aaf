import { SessionCadence } from './cohort.entity.js';
import { isLocalDate, isLocalTime, isTimeZone, planSessions } from './session-plan.js';

const iso = (d: Date) => d.toISOString();

describe(planSessions.name, () => {
  it('should keep 18:30 local in New York across the March daylight-saving change', () => {
    const sut = planSessions({
      startDate: '2027-03-02',
      localTime: '18:30',
      timeZone: 'America/New_York',
      sessionCount: 3,
      sessionMinutes: 150,
      cadence: SessionCadence.Weekly,
    });
    // DST starts on 2027-03-14: EST (-05:00) before, EDT (-04:00) after.
    expect(sut.map((s) => iso(s.startsAt))).toEqual([
      '2027-03-02T23:30:00.000Z',
      '2027-03-09T23:30:00.000Z',
      '2027-03-16T22:30:00.000Z',
    ]);
    expect(sut.map((s) => iso(s.endsAt))).toEqual([
      '2027-03-03T02:00:00.000Z',
      '2027-03-10T02:00:00.000Z',
      '2027-03-17T01:00:00.000Z',
    ]);
    expect(sut.map((s) => s.number)).toEqual([1, 2, 3]);
  });

  it('should place a 10:00 Auckland session on the previous UTC day', () => {
    const sut = planSessions({
      startDate: '2027-03-01',
      localTime: '10:00',
      timeZone: 'Pacific/Auckland',
      sessionCount: 8,
      sessionMinutes: 150,
      cadence: SessionCadence.Weekly,
    });
    // NZDT (+13:00) until 2027-04-04, then NZST (+12:00).
    expect(iso(sut[0]!.startsAt)).toBe('2027-02-28T21:00:00.000Z');
    expect(iso(sut[4]!.startsAt)).toBe('2027-03-28T21:00:00.000Z');
    expect(iso(sut[5]!.startsAt)).toBe('2027-04-04T22:00:00.000Z');
    expect(iso(sut[7]!.startsAt)).toBe('2027-04-18T22:00:00.000Z');
  });

  it('should keep the weekday of the start date, one week apart in local dates', () => {
    const sut = planSessions({
      startDate: '2027-10-28',
      localTime: '09:00',
      timeZone: 'Europe/Berlin',
      sessionCount: 2,
      sessionMinutes: 60,
      cadence: SessionCadence.Weekly,
    });
    // The week spanning the end of CEST is 169 hours long.
    expect(sut[1]!.startsAt.getTime() - sut[0]!.startsAt.getTime()).toBe(169 * 3600_000);
    expect(iso(sut[1]!.startsAt)).toBe('2027-11-04T08:00:00.000Z');
  });

  it('should schedule daily sessions for a daily cadence', () => {
    const sut = planSessions({
      startDate: '2027-12-31',
      localTime: '23:30',
      timeZone: 'UTC',
      sessionCount: 3,
      sessionMinutes: 60,
      cadence: SessionCadence.Daily,
    });
    expect(sut.map((s) => iso(s.startsAt))).toEqual([
      '2027-12-31T23:30:00.000Z',
      '2028-01-01T23:30:00.000Z',
      '2028-01-02T23:30:00.000Z',
    ]);
    expect(iso(sut[0]!.endsAt)).toBe('2028-01-01T00:30:00.000Z');
  });

  it('should move a local time that does not exist on the spring-forward day forward by the gap', () => {
    const sut = planSessions({
      startDate: '2027-03-14',
      localTime: '02:30',
      timeZone: 'America/New_York',
      sessionCount: 1,
      sessionMinutes: 60,
      cadence: SessionCadence.Weekly,
    });
    expect(iso(sut[0]!.startsAt)).toBe('2027-03-14T07:30:00.000Z');
  });

  it('should refuse a bad zone, date or time', () => {
    const base = {
      startDate: '2027-03-01',
      localTime: '10:00',
      timeZone: 'UTC',
      sessionCount: 1,
      sessionMinutes: 60,
      cadence: SessionCadence.Weekly,
    };
    expect(() => planSessions({ ...base, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => planSessions({ ...base, startDate: '2027-02-30' })).toThrow(RangeError);
    expect(() => planSessions({ ...base, localTime: '24:00' })).toThrow(RangeError);
  });
});

describe('schedule input checks', () => {
  it('should tell real zones, dates and times from bad ones', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Not/AZone')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2027-3-1')).toBe(false);
    expect(isLocalTime('07:05')).toBe(true);
    expect(isLocalTime('7:05')).toBe(false);
    expect(isLocalTime('12:60')).toBe(false);
  });
});
