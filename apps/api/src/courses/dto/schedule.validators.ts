import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isLocalDate, isTimeZone } from '@msc/domain/courses';

/** An IANA time zone name, such as `America/New_York`. */
export const IsIanaTimeZone = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an IANA time zone, e.g. Europe/Berlin`,
      },
    },
    options,
  );

/** A real calendar date written `YYYY-MM-DD`. */
export const IsLocalDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isLocalDate(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );
