import { addDays } from './practice-calendar.js';
import { judgePracticeDays } from './practice-days.evaluator.js';

const TODAY = '2027-03-15';
const lastDays = (n: number, skip = 0) =>
  Array.from({ length: n }, (_, i) => addDays(TODAY, -(i + skip)));

describe(judgePracticeDays.name, () => {
  const params = { days: 45, windowDays: 60 };

  it('should be unmet below the days needed, saying how many more', () => {
    const sut = judgePracticeDays(params, lastDays(44), TODAY, 'UTC');
    expect(sut).toMatchObject({ met: false, have: 44, need: 45 });
    expect(sut.nextStep).toContain('1 more day');
  });

  it('should be met from the day the 45th day in the window was logged', () => {
    const sut = judgePracticeDays(params, lastDays(50), TODAY, 'Europe/Lisbon');
    expect(sut).toMatchObject({ met: true, have: 50, need: 45 });
    // Ascending, the 45th of the 50 days ending today is 5 days ago.
    expect(sut.metAt?.toISOString()).toBe('2027-03-10T00:00:00.000Z');
  });

  it('should not count days that fell out of the window', () => {
    const sut = judgePracticeDays(params, lastDays(45, 16), TODAY, 'UTC');
    expect(sut).toMatchObject({ met: false, have: 44 });
  });
});
