import { DomainError } from '@msc/kernel';

export enum CredentialsErrorCode {
  RequirementsUnmet = 'credentials.requirements_unmet',
  RequestAlreadyOpen = 'credentials.request_already_open',
  RequestNotFound = 'credentials.request_not_found',
  RequestAlreadyDecided = 'credentials.request_already_decided',
  CredentialNotFound = 'credentials.credential_not_found',
  CredentialNotVisible = 'credentials.credential_not_visible',
  CredentialAlreadyRevoked = 'credentials.credential_already_revoked',
  CredentialStatusUnchanged = 'credentials.credential_status_unchanged',
  StatusListNotFound = 'credentials.status_list_not_found',
  /** An admin deciding their own certification request. */
  OwnRequest = 'credentials.own_request',
}

export class CredentialsError extends DomainError<CredentialsErrorCode> {
  readonly context = 'credentials';
}
