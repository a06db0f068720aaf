import { Injectable, type OnModuleInit } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '@msc/config';
import { AppSecrets } from './app-secrets.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';

const SECRET_NAME = 'access_token_hs256';

export interface AccessTokenClaims {
  userId: string;
}

/**
 * Short-lived HS256 access tokens. The key is JWT_SECRET when set, else one generated once and
 * kept in the database, so that every API process signs and verifies with the same key.
 */
@Injectable()
export class AccessTokens implements OnModuleInit {
  private key!: Uint8Array;

  constructor(
    private readonly config: AppConfig,
    private readonly secrets: AppSecrets,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.JWT_SECRET) {
      this.key = new TextEncoder().encode(this.config.JWT_SECRET);
      return;
    }
    this.key = new TextEncoder().encode(await this.secrets.getOrCreate(SECRET_NAME, 48));
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  async sign(userId: string): Promise<string> {
    return new SignJWT({})
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
      });
      if (!payload.sub)
        throw new IdentityError(IdentityErrorCode.InvalidAccessToken, 'The token names no user');
      return { userId: payload.sub };
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
