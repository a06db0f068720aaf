import { DomainError } from '@msc/kernel';

export enum PracticeErrorCode {
  DateInFuture = 'practice.date_in_future',
  DateTooOld = 'practice.date_too_old',
  InvalidRange = 'practice.invalid_range',
  TraineeNotFound = 'practice.trainee_not_found',
}

/** Refusals of the practice log (part of the courses context). */
export class PracticeError extends DomainError<PracticeErrorCode> {
  readonly context = 'courses';
}
