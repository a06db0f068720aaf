import { DomainError } from '@msc/kernel';

export enum CeCreditsErrorCode {
  CreditNotFound = 'ce_credits.credit_not_found',
  CohortNotFound = 'ce_credits.cohort_not_found',
}

export class CeCreditsError extends DomainError<CeCreditsErrorCode> {
  readonly context = 'ce-credits';
}
