import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AppConfig } from '@msc/config';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';

/** OWASP's recommended argon2id parameters: 19 MiB, two passes, one lane. */
export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most `size` tasks run at once and at most `queueLimit` wait; beyond that `run` refuses at
 * once, so that a burst is answered (503) instead of piling up until database waits time out.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private averageMs = 50;

  constructor(
    readonly size: number,
    readonly queueLimit: number,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  /** Seconds after which a refused caller will likely find room: the queue's drain time. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(((this.waiting.length + 1) * this.averageMs) / this.size / 1000));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) {
      this.active += 1;
    } else {
      if (this.waiting.length >= this.queueLimit) {
        throw new IdentityError(
          IdentityErrorCode.Busy,
          'Too many sign-ins and registrations at once; try again shortly',
          { retryAfterSeconds: this.retryAfterSeconds },
        );
      }
      // The slot is handed over by the task that finishes, so `active` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/**
 * argon2id with OWASP's parameters. Every hash and check runs through one bounded limit sized to
 * the cores: each takes a core and 19 MiB, and more at once would only make all of them slower.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;
  private readonly limit: ConcurrencyLimit;

  constructor(config: AppConfig) {
    this.limit = new ConcurrencyLimit(
      config.PASSWORD_HASH_CONCURRENCY,
      config.PASSWORD_HASH_QUEUE_LIMIT,
    );
  }

  hash(password: string): Promise<string> {
    return this.limit.run(() =>
      argon2.hash(password, { type: argon2.argon2id, ...ARGON2_PARAMETERS }),
    );
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.limit.run(() => argon2.verify(hash, password).catch(() => false));
  }

  /** True when the hash was made with other parameters (or another variant) than ours. */
  needsRehash(hash: string): boolean {
    if (!hash.startsWith('$argon2id$')) return true;
    try {
      return argon2.needsRehash(hash, ARGON2_PARAMETERS);
    } catch {
      return true;
    }
  }

  /** Spends the time of a real check, so that unknown e-mails cannot be told apart by timing. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= argon2.hash('not-a-real-password-0000', {
      type: argon2.argon2id,
      ...ARGON2_PARAMETERS,
    });
    const dummy = await this.dummy;
    await this.verify(dummy, password);
    return false;
  }
}
