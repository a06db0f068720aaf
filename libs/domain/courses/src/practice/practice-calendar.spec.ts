import { DateTime } from 'luxon';
import {
  addDays,
  currentStreak,
  daysInWindow,
  practiceStats,
  startOfDayIn,
  todayIn,
  yearsBefore,
} from './practice-calendar.js';

const TODAY = '2027-03-15';
const back = (n: number) => addDays(TODAY, -n);

describe('practice calendar', () => {
  describe(practiceStats.name, () => {
    it('should count nothing for no practice', () => {
      expect(practiceStats([], TODAY)).toEqual({ daysLast60: 0, currentStreak: 0 });
    });

    it('should count a day once however many logs it has', () => {
      expect(practiceStats([TODAY, TODAY, back(1), back(1), back(1)], TODAY)).toEqual({
        daysLast60: 2,
        currentStreak: 2,
      });
    });

    it('should count the 60 days from 59 days ago to today, and no further', () => {
      const days = [back(0), back(59), back(60), back(200)];
      expect(practiceStats(days, TODAY).daysLast60).toBe(2);
    });

    it('should ignore days after today (a trainee who moved west of their old zone)', () => {
      expect(practiceStats([addDays(TODAY, 1)], TODAY)).toEqual({
        daysLast60: 0,
        currentStreak: 0,
      });
    });
  });

  describe(currentStreak.name, () => {
    it('should end the streak today when today is logged', () => {
      expect(currentStreak([back(0), back(1), back(2), back(4)], TODAY)).toBe(3);
    });

    it('should keep yesterday’s streak while today is not logged yet', () => {
      expect(currentStreak([back(1), back(2), back(3)], TODAY)).toBe(3);
    });

    it('should be broken by a missed day before today', () => {
      expect(currentStreak([back(2), back(3)], TODAY)).toBe(0);
    });

    it('should run across month and year ends and leap days', () => {
      const days = ['2028-02-28', '2028-02-29', '2028-03-01'];
      expect(currentStreak(days, '2028-03-01')).toBe(3);
      expect(currentStreak(['2026-12-31', '2027-01-01'], '2027-01-01')).toBe(2);
    });

    it('should count a streak longer than any window', () => {
      const days = Array.from({ length: 500 }, (_, i) => back(i));
      expect(currentStreak(days, TODAY)).toBe(500);
    });
  });

  describe(daysInWindow.name, () => {
    it('should list the distinct days of the window in order', () => {
      expect(daysInWindow([back(0), back(3), back(3), back(9), back(10)], TODAY, 10)).toEqual([
        back(9),
        back(3),
        back(0),
      ]);
    });
  });

  describe(yearsBefore.name, () => {
    it('should go back a calendar year, 29 February to the 28th', () => {
      expect(yearsBefore('2027-03-15', 1)).toBe('2026-03-15');
      expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    });
  });

  describe(todayIn.name, () => {
    it('should give the date on the trainee’s own calendar', () => {
      const now = new Date('2027-03-15T22:30:00.000Z');
      expect(todayIn('UTC', now)).toBe('2027-03-15');
      expect(todayIn('Pacific/Kiritimati', now)).toBe('2027-03-16');
      expect(todayIn('America/Los_Angeles', new Date('2027-03-16T03:00:00.000Z'))).toBe(
        '2027-03-15',
      );
    });

    it('should agree with luxon in every kind of zone, around midnights and offset changes', () => {
      const zones = [
        'UTC',
        'Europe/Lisbon',
        'America/Los_Angeles',
        'Asia/Kathmandu',
        'Australia/Eucla',
        'Pacific/Chatham',
        'Asia/Kolkata',
        'America/St_Johns',
        'Not/A_Zone',
      ];
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < 3000; i++) {
        // Within a few minutes of a quarter hour of 2027, where midnights and changes fall.
        const quarter = Math.floor(random() * 4 * 24 * 365);
        const at = new Date(Date.UTC(2027, 0, 1) + quarter * 900_000 + (random() - 0.5) * 240_000);
        for (const zone of zones) {
          const local = DateTime.fromJSDate(at, { zone });
          const expected = (
            local.isValid ? local : DateTime.fromJSDate(at, { zone: 'utc' })
          ).toISODate();
          expect([zone, at.toISOString(), todayIn(zone, at)]).toEqual([
            zone,
            at.toISOString(),
            expected,
          ]);
        }
      }
    });
  });

  describe(startOfDayIn.name, () => {
    it("should give the first moment of the day on the zone's calendar", () => {
      expect(startOfDayIn('2027-03-15', 'UTC').toISOString()).toBe('2027-03-15T00:00:00.000Z');
      expect(startOfDayIn('2027-03-15', 'Asia/Kolkata').toISOString()).toBe(
        '2027-03-14T18:30:00.000Z',
      );
      // The day clocks go forward in Berlin begins at an offset of +1, ends at +2.
      expect(startOfDayIn('2027-03-28', 'Europe/Berlin').toISOString()).toBe(
        '2027-03-27T23:00:00.000Z',
      );
    });

    it('should begin at one in the morning where a change of offset skips midnight', () => {
      // Chile moves from -4 to -3 at midnight on the first Sunday of September.
      expect(startOfDayIn('2026-09-06', 'America/Santiago').toISOString()).toBe(
        '2026-09-06T04:00:00.000Z',
      );
    });

    it('should answer the same instant again, in a Date of its own each time', () => {
      const first = startOfDayIn('2027-01-02', 'America/New_York');
      first.setTime(0);
      expect(startOfDayIn('2027-01-02', 'America/New_York').toISOString()).toBe(
        '2027-01-02T05:00:00.000Z',
      );
    });
  });
});
