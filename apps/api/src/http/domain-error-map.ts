import { IdentityErrorCode } from '@msc/domain/identity';

/** The HTTP status of every domain error code; a Record per context keeps it exhaustive. */
const identity: Record<IdentityErrorCode, number> = {
  [IdentityErrorCode.EmailTaken]: 409,
  [IdentityErrorCode.InvalidCredentials]: 401,
  [IdentityErrorCode.TooManyFailedLogins]: 429,
  [IdentityErrorCode.InvalidRefreshToken]: 401,
  [IdentityErrorCode.RefreshTokenReused]: 401,
  [IdentityErrorCode.InvalidAccessToken]: 401,
  [IdentityErrorCode.UserNotFound]: 404,
  [IdentityErrorCode.InvalidTimeZone]: 400,
  [IdentityErrorCode.LastAdmin]: 409,
};

export const STATUS_OF_DOMAIN_CODE: Readonly<Record<string, number>> = {
  ...identity,
};
