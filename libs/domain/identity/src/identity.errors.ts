import { DomainError } from '@msc/kernel';

export enum IdentityErrorCode {
  EmailTaken = 'identity.email_taken',
  InvalidCredentials = 'identity.invalid_credentials',
  TooManyFailedLogins = 'identity.too_many_failed_logins',
  InvalidRefreshToken = 'identity.invalid_refresh_token',
  RefreshTokenReused = 'identity.refresh_token_reused',
  InvalidAccessToken = 'identity.invalid_access_token',
  UserNotFound = 'identity.user_not_found',
  InvalidTimeZone = 'identity.invalid_time_zone',
  LastAdmin = 'identity.last_admin',
  /** The password hashers are saturated: 503 with Retry-After. */
  Busy = 'identity.busy',
  WrongPassword = 'identity.wrong_password',
  InvalidResetToken = 'identity.invalid_reset_token',
  /** A cookie-transport request without the `X-MSC-Client: web` header (CSRF defence). */
  ClientHeaderRequired = 'identity.client_header_required',
  /** The account was deactivated by an admin: no sign-in, refresh or access token works. */
  AccountDeactivated = 'identity.account_deactivated',
  /** An admin tried to deactivate their own account. */
  CannotDeactivateSelf = 'identity.cannot_deactivate_self',
}

export class IdentityError extends DomainError<IdentityErrorCode> {
  readonly context = 'identity';
}
