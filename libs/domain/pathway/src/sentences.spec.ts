import { countOf, moreOf, ofNeeded, shownHave } from './sentences.js';

describe('progress sentences', () => {
  it('counts with the right number', () => {
    expect(countOf(1, 'session')).toBe('1 session');
    expect(countOf(0, 'session')).toBe('0 sessions');
    expect(countOf(4, 'session')).toBe('4 sessions');
    expect(countOf(2, 'day', 'days')).toBe('2 days');
    expect(countOf(3, 'consultation session')).toBe('3 consultation sessions');
  });

  it('says how many more, never "mores"', () => {
    expect(moreOf(4, 'session')).toBe('4 more sessions');
    expect(moreOf(1, 'session')).toBe('1 more session');
    expect(moreOf(2)).toBe('2 more');
    expect(moreOf(1)).toBe('1 more');
    expect(moreOf(2, 'course')).toBe('2 more courses');
    expect(moreOf(-1, 'course')).toBe('0 more courses');
    expect(moreOf(2)).not.toMatch(/mores/);
  });

  it('never shows more than is needed', () => {
    expect(shownHave(3, 2)).toBe(2);
    expect(shownHave(1, 2)).toBe(1);
    expect(shownHave(-1, 2)).toBe(0);
    expect(ofNeeded(3, 2, 'course')).toBe('the 2 courses needed');
    expect(ofNeeded(2, 2, 'course')).toBe('the 2 courses needed');
    expect(ofNeeded(1, 2, 'course')).toBe('1 of the 2 courses needed');
    expect(ofNeeded(9, 8, 'session')).toBe('the 8 sessions needed');
    expect(ofNeeded(5, 8, 'session')).toBe('5 of the 8 sessions needed');
    expect(ofNeeded(0, 1, 'recording')).toBe('0 of the 1 recording needed');
    expect(ofNeeded(1, 1, 'recording')).toBe('the recording needed');
  });
});
