import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { AppSecrets, AppSecretsModule } from '@msc/domain/identity';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';

const SECRET_NAME = 'signed_links_hmac';
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const EXPIRES = /^\d{1,12}$/;

export interface SignedLink {
  url: string;
  expiresAt: string;
}

/**
 * Links that open without an Authorization header (a certificate PDF, a calendar feed): an
 * HMAC-SHA256 over the path and, for expiring links, the expiry, keyed by a secret generated once
 * and kept in app_secrets. Changing a character of the path, the expiry or the signature makes the
 * link invalid; a link past its expiry is refused as expired.
 */
@Injectable()
export class SignedLinks {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly secrets: AppSecrets,
  ) {}

  /** `<PUBLIC_BASE_URL><path>?expires=<unix seconds>&signature=<mac>`, valid for `ttlSeconds`. */
  async sign(
    path: string,
    ttlSeconds = this.config.SIGNED_URL_TTL_SECONDS,
    now = new Date(),
  ): Promise<SignedLink> {
    const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
    const signature = await this.mac(`${path}\n${expires}`);
    const query = new URLSearchParams({ expires: String(expires), signature });
    return {
      url: `${this.baseUrl}${path}?${query.toString()}`,
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** Refuses (CoursesError link_invalid / link_expired) unless the signature is ours and in date. */
  async verify(
    path: string,
    expires: string | undefined,
    signature: string | undefined,
    now = new Date(),
  ): Promise<void> {
    if (!expires || !signature || !EXPIRES.test(expires) || !SIGNATURE.test(signature)) {
      throw invalid();
    }
    if (!(await this.matches(`${path}\n${expires}`, signature))) throw invalid();
    if (Number(expires) * 1000 <= now.getTime()) {
      throw new CoursesError(
        CoursesErrorCode.LinkExpired,
        `This link expired at ${new Date(Number(expires) * 1000).toISOString()}; open the page you found it on again for a new one`,
      );
    }
  }

  /** A token that never expires, for links retired by other means (a rotated calendar feed). */
  async token(subject: string): Promise<string> {
    return this.mac(`token\n${subject}`);
  }

  async tokenMatches(subject: string, token: string): Promise<boolean> {
    return SIGNATURE.test(token) && this.matches(`token\n${subject}`, token);
  }

  get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  /**
   * Compares the text of the signature, not its decoded bytes: the last of 43 base64url characters
   * carries two unused bits, so four spellings decode alike and only ours may open the link.
   */
  private async matches(message: string, signature: string): Promise<boolean> {
    const expected = Buffer.from(await this.mac(message), 'latin1');
    const given = Buffer.from(signature, 'latin1');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async mac(message: string): Promise<string> {
    return createHmac('sha256', await this.secret())
      .update(message)
      .digest('base64url');
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.secrets.getOrCreate(SECRET_NAME, 32).then(
      (value) => Buffer.from(value, 'base64'),
      (error: unknown) => {
        this.key = undefined;
        throw error;
      },
    );
    return this.key;
  }
}

function invalid(): CoursesError {
  return new CoursesError(
    CoursesErrorCode.LinkInvalid,
    'This link is not valid: it is incomplete or was altered',
  );
}

@Module({ imports: [AppSecretsModule], providers: [SignedLinks], exports: [SignedLinks] })
export class SignedLinksModule {}
