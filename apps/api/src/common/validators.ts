import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/** `YYYY-MM-DD`, optionally `THH:mm[:ss[.fraction]]` and a zone (`Z` or `±hh:mm`). */
const CALENDAR_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * An instant written as an ISO 8601 calendar date (and time): a real date that `new Date()` reads.
 * class-validator's IsISO8601 also admits week dates (`2027-W10`), ordinal dates (`2027-074`) and
 * the basic format (`20270315`), which `new Date()` turns into an Invalid Date.
 */
export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          CALENDAR_DATE_TIME.test(value) &&
          isISO8601(value, { strict: true }) &&
          Number.isFinite(Date.parse(value)),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date-time such as 2027-03-15T18:00:00Z`,
      },
    },
    options,
  );

/**
 * A finite number with at most `places` decimals. class-validator's `maxDecimalPlaces` throws on
 * a number JSON writes in exponent form (`1e-7`), which turned such a value into a 500.
 */
export const IsDecimal = (places: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDecimal',
      constraints: [places],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          Number(value.toFixed(places)) === value,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a number with at most ${places} decimals`,
      },
    },
    options,
  );
