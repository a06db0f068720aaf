import { DomainError } from '@msc/kernel';

export enum ApplicationsErrorCode {
  AttestationNotFound = 'applications.attestation_not_found',
  AttestationNotPending = 'applications.attestation_not_pending',
  EvidenceNotFound = 'applications.evidence_not_found',
  EvidenceTooLarge = 'applications.evidence_too_large',
  EvidenceTypeUnsupported = 'applications.evidence_type_unsupported',
  /** An attestation sent without its evidence file. */
  EvidenceRequired = 'applications.evidence_required',
  /** A second attestation of a kind while one is still pending. */
  AttestationAlreadyPending = 'applications.attestation_already_pending',
  ApplicationNotFound = 'applications.application_not_found',
  ApplicationAlreadyOpen = 'applications.application_already_open',
  ApplicationNotSubmitted = 'applications.application_not_submitted',
  PrerequisitesUnmet = 'applications.prerequisites_unmet',
  /** An admin deciding their own application or attestation. */
  OwnDecision = 'applications.own_decision',
}

export class ApplicationsError extends DomainError<ApplicationsErrorCode> {
  readonly context = 'applications';
}

/** Nobody decides their own case: an admin who is also a trainee waits for another admin. */
export function ownDecision(what: 'application' | 'attestation'): ApplicationsError {
  return new ApplicationsError(
    ApplicationsErrorCode.OwnDecision,
    `You cannot decide your own ${what}; another admin decides it`,
  );
}
