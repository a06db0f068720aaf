import { chunked, creditHundredths, formatHundredths, toHundredths } from './ce-credit-hours.js';

describe('CE credit hours', () => {
  it('should read numeric hours exactly', () => {
    expect(toHundredths('24.00')).toBe(2400);
    expect(toHundredths('2.5')).toBe(250);
    expect(toHundredths('0.29')).toBe(29);
    expect(toHundredths(17.25)).toBe(1725);
    expect(() => toHundredths('-1')).toThrow();
  });

  it('should format hundredths with two decimals', () => {
    expect(formatHundredths(2100)).toBe('21.00');
    expect(formatHundredths(1333)).toBe('13.33');
    expect(formatHundredths(5)).toBe('0.05');
  });

  it('should give full hours for every session attended', () => {
    expect(creditHundredths('24.00', 8, 8)).toBe(2400);
  });

  it('should give no credit for the share of a missed session', () => {
    expect(creditHundredths('24.00', 7, 8)).toBe(2100);
    expect(creditHundredths('20.00', 2, 3)).toBe(1333);
  });

  it('should give nothing without attendance or sessions', () => {
    expect(creditHundredths('24.00', 0, 8)).toBe(0);
    expect(creditHundredths('24.00', 3, 0)).toBe(0);
  });

  it('should never give more than the course carries', () => {
    expect(creditHundredths('24.00', 9, 8)).toBe(2400);
  });

  it('should cut a list into chunks of at most the given size', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 2)).toEqual([]);
  });
});
