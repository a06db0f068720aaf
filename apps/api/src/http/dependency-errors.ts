import { DependencyUnavailableError, type Dependency } from './dependency-unavailable.js';

export interface Unavailable {
  dependency: Dependency;
  /** Seconds a client should wait before trying again. */
  retryAfterSeconds: number;
}

/** Network failures reaching a dependency. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATEs that mean "busy or down, try again": connection exceptions (08), too many
 * connections and other resource limits (53), operator intervention (57P01-57P05, shutting down,
 * not accepting connections yet), a statement cancelled by the statement timeout (57014), a lock
 * not available (55P03), and the retryable conflicts of concurrent transactions (40001, 40P01).
 */
function pgRetryable(code: string): number | null {
  if (code === '40001' || code === '40P01' || code === '55P03') return 1;
  if (code === '57014' || code.startsWith('53')) return 2;
  if (code.startsWith('08') || /^57P0[1-5]$/.test(code)) return 5;
  return null;
}

const PG_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Cannot use a pool after calling end/i,
  /Client has encountered a connection error/i,
  /Connection terminated due to connection timeout/i,
];

const REDIS_MESSAGES = [
  /Reached the max retries per request limit/i,
  /Connection is closed/i,
  /enableOfflineQueue options is false/i,
  /Connection in subscriber mode/i,
];

/** The error and what it wraps (`cause`, TypeORM's `driverError`, an AggregateError's errors). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 5 || typeof error !== 'object' || error === null) return;
  const node = error as Record<string, unknown>;
  yield node;
  yield* chain(node.driverError, depth + 1);
  yield* chain(node.cause, depth + 1);
  if (Array.isArray(node.errors)) for (const inner of node.errors) yield* chain(inner, depth + 1);
}

/**
 * Whether an error means that PostgreSQL, its connection pool or Redis is down or saturated, and
 * for how long a client should back off: answered 503 with Retry-After, never 500.
 */
export function unavailableDependency(error: unknown): Unavailable | null {
  for (const node of chain(error)) {
    if (node instanceof DependencyUnavailableError) {
      return { dependency: node.dependency, retryAfterSeconds: 5 };
    }
    const name = typeof node.name === 'string' ? node.name : '';
    const message = typeof node.message === 'string' ? node.message : '';
    const code = typeof node.code === 'string' ? node.code : '';
    const isRedis =
      name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.some((re) => re.test(message));
    if (isRedis) return { dependency: 'redis', retryAfterSeconds: 5 };
    // A PostgreSQL error carries a five-character SQLSTATE and a severity.
    if (/^[0-9A-Z]{5}$/.test(code) && 'severity' in node) {
      const seconds = pgRetryable(code);
      if (seconds !== null) return { dependency: 'postgres', retryAfterSeconds: seconds };
    }
    if (/timeout exceeded when trying to connect/i.test(message)) {
      // The pool had no free connection in time: saturated, not down.
      return { dependency: 'postgres', retryAfterSeconds: 2 };
    }
    if (PG_MESSAGES.some((re) => re.test(message)))
      return { dependency: 'postgres', retryAfterSeconds: 5 };
    if (NETWORK_CODES.has(code)) {
      const port = typeof node.port === 'number' ? node.port : undefined;
      const redisLike = port === 6379 || /redis/i.test(String(node.stack ?? ''));
      return { dependency: redisLike ? 'redis' : 'postgres', retryAfterSeconds: 5 };
    }
  }
  return null;
}
