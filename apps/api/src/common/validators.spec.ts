import { validate } from 'class-validator';
import { IsDecimal, IsInstant } from './validators.js';

class Sample {
  @IsInstant()
  at!: unknown;

  @IsDecimal(2)
  hours!: unknown;
}

async function errorsOf(at: unknown, hours: unknown): Promise<string[]> {
  const sample = Object.assign(new Sample(), { at, hours });
  return (await validate(sample)).map((e) => e.property);
}

describe('IsInstant and IsDecimal', () => {
  it.each([
    '2027-03-15T18:00:00Z',
    '2027-03-15T18:00:00.123+01:00',
    '2027-03-15',
    '2027-03-15T18:00Z',
  ])('should accept the calendar date-time %s', async (at) => {
    expect(await errorsOf(at, 1)).toEqual([]);
  });

  it.each(['2027-W10', '2027-074', '20270315', '2027-02-30', '2027-03-15T10Z', '2027', 42, null])(
    'should refuse %s, which Date cannot read as that instant',
    async (at) => {
      expect(await errorsOf(at, 1)).toEqual(['at']);
    },
  );

  it.each([1e-7, 1.255, Number.NaN, Number.POSITIVE_INFINITY, '1.5'])(
    'should refuse %s as a number with at most 2 decimals, without throwing',
    async (hours) => {
      expect(await errorsOf('2027-03-15', hours)).toEqual(['hours']);
    },
  );

  it.each([0.25, 24, 999.99, 1e21])('should accept %s', async (hours) => {
    expect(await errorsOf('2027-03-15', hours)).toEqual([]);
  });
});
