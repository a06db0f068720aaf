import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from './redis.module.js';

export interface RateDecision {
  allowed: boolean;
  count: number;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

// INCR and set the expiry on the first hit, atomically; returns [count, ttl in ms].
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** Fixed-window counters in Redis, so that limits hold across every API process. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Counts one hit against `key` and says whether it is within `limit` per `windowSeconds`. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `rate:${key}`, windowSeconds * 1000)) as [
      number,
      number,
    ];
    return {
      allowed: count <= limit,
      count,
      retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)),
    };
  }

  /** Looks without counting. */
  async peek(key: string, limit: number): Promise<RateDecision> {
    const [value, ttl] = await Promise.all([
      this.redis.get(`rate:${key}`),
      this.redis.pttl(`rate:${key}`),
    ]);
    const count = Number(value ?? 0);
    return { allowed: count < limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`rate:${key}`);
  }
}
