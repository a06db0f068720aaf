import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@msc/config';
import { AppSecrets } from './app-secrets.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';

const SECRET_NAME = 'access_token_hs256';

export interface AccessTokenClaims {
  userId: string;
  /** The refresh-token family (the session) the token was issued to; absent on older tokens. */
  sessionId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived HS256 access tokens. The key is JWT_SECRET when set, else one generated once and
 * kept in the database, so that every API process signs and verifies with the same key. It is
 * imported once, at start, as a KeyObject: no per-request key import.
 */
@Injectable()
export class AccessTokens implements OnModuleInit {
  private key!: KeyObject;

  constructor(
    private readonly config: AppConfig,
    private readonly secrets: AppSecrets,
  ) {}

  async onModuleInit(): Promise<void> {
    const secret = this.config.JWT_SECRET ?? (await this.secrets.getOrCreate(SECRET_NAME, 48));
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  async sign(userId: string, sessionId?: string): Promise<string> {
    return new SignJWT(sessionId ? { sid: sessionId } : {})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(`${this.config.JWT_ISSUER}:api`)
      .setIssuedAt()
      .setExpirationTime(`${this.config.ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: `${this.config.JWT_ISSUER}:api`,
        // A token without an expiry would be valid forever.
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const { sub, sid } = payload;
      if (typeof sub !== 'string' || !UUID.test(sub))
        throw new IdentityError(IdentityErrorCode.InvalidAccessToken, 'The token names no user');
      if (sid !== undefined && (typeof sid !== 'string' || !UUID.test(sid)))
        throw new IdentityError(IdentityErrorCode.InvalidAccessToken, 'The token is malformed');
      return { userId: sub, ...(sid ? { sessionId: sid } : {}) };
    } catch (error) {
      if (error instanceof IdentityError) throw error;
      const expired = error instanceof errors.JWTExpired;
      throw new IdentityError(
        IdentityErrorCode.InvalidAccessToken,
        expired ? 'The access token has expired' : 'The access token is not valid',
      );
    }
  }
}
