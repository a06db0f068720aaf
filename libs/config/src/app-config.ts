import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no', ''].includes(value.toLowerCase())) return false;
  return value;
};

const postgresUrl = /^postgres(ql)?:\/\/.+/;
const redisUrl = /^rediss?:\/\/.+/;

/** The validated environment: the one place that reads process.env. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(PROCESS_ROLES)
  PROCESS_ROLE: ProcessRole = 'all';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(postgresUrl, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/msc';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 30000;

  @Matches(redisUrl, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (BullMQ queues and rate-limit counters). */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'REDIS_PREFIX may hold letters, digits, - and _' })
  REDIS_PREFIX = 'msc';

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** HS256 secret for access tokens; when absent one is generated once and kept in the database. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * Key-encryption key (base64 of 32 bytes) for the credential signing keys at rest (AES-256-GCM);
   * when absent one is generated once and kept in the database (app_secrets).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, { message: 'CREDENTIALS_KEK must be base64 of 32 bytes' })
  CREDENTIALS_KEK?: string;

  /** The issuer's name in signed credentials and on certificates. */
  @IsString()
  @MinLength(1)
  CREDENTIALS_ISSUER_NAME = 'Center for Mindful Self-Compassion';

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @IsString()
  JWT_ISSUER = 'msc-pathway';

  /**
   * How long a just-rotated refresh token still yields a new token in its family: two tabs that
   * refresh the same token at once both stay signed in. Reuse after it revokes the family.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120)
  REFRESH_TOKEN_REUSE_GRACE_SECONDS = 20;

  /** Password hashes computed at once (argon2 is CPU- and memory-bound); the cores by default. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = availableParallelism();

  /** Password checks that may wait for a free hasher; beyond them the answer is 503 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PASSWORD_HASH_QUEUE_LIMIT = 32;

  /** Password-reset e-mails one account receives per hour at most (further requests still answer 202). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_EMAILS_PER_HOUR = 3;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE = 30;

  /** How many reverse proxies in front of the API to trust for the client address (0 = none). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Transform(toBool)
  @IsIn([true, false], { message: 'LOG_PRETTY must be true or false' })
  LOG_PRETTY = false;

  /**
   * The address people open: links in e-mails and signed credentials carry it. Without a trailing
   * slash; `http://localhost:<PORT>` when unset.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'PUBLIC_BASE_URL must be a URL' },
  )
  PUBLIC_BASE_URL!: string;

  /** How long a signed link (a CE certificate or credential PDF) opens without signing in. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 86400)
  SIGNED_URL_TTL_SECONDS = 3600;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'MSC Pathway <no-reply@localhost>';

  @IsIn(STORAGE_DRIVERS)
  STORAGE_DRIVER: StorageDriver = 'local';

  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'S3_ENDPOINT must be a URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @Transform(toBool)
  @IsIn([true, false], { message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE = true;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  RECORDING_MAX_BYTES = 2 * 1024 * 1024 * 1024;

  /** A stored file no row references is deleted once it is this old (an upload's row commits well within it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BLOB_SWEEP_GRACE_HOURS = 24;

  /** How often the outbox relay looks for rows when no notification woke it. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 5;

  /**
   * Enrollments per CE chunk job: each chunk reads, writes and notifies in one transaction of a
   * few statements, so larger chunks amortize the jobs and their round trips (5,000 credits: 2.6×
   * one raw INSERT at 1,000 a chunk, 2.9-3.7× at 250, measured by `npm run bench -- ce`).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CE_CHUNK_SIZE = 1000;

  /**
   * How long a worker's lock on a running job lasts (renewed at half of it): a worker that died
   * mid-job is noticed once its lock expired, and the job runs again (twice at most, then it fails).
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often a worker looks for jobs whose worker died (their lock expired). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /**
   * Days after a cohort's last session until it completes by itself (attendance stays open until
   * then); the completion reconciler uses it too.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  COMPLETION_GRACE_DAYS = 7;

  /** How often the reconciler compares the database with the queues and re-enqueues lost work. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RECONCILE_INTERVAL_SECONDS = 300;

  /**
   * How long work must have been left undone before the reconciler re-enqueues it: the normal flow
   * is well within it, so the reconciler only picks up what a lost job left behind.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECONCILE_AFTER_SECONDS = 600;

  /** Socket inactivity (a client that stalls mid-body, an idle connection) before it is closed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REQUEST_IDLE_TIMEOUT_MS = 30_000;

  /** The longest a whole request (headers and body) may take to arrive; uploads included. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REQUEST_TIMEOUT_MS = 900_000;

  /** Deepest nesting of objects and arrays a JSON body may have. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  JSON_MAX_DEPTH = 32;

  /**
   * Test only (NODE_ENV=test): job names whose handler, once its work is done and still
   * uncommitted, holds forever and says so on stdout, so that a test can kill the worker there.
   */
  @IsOptional()
  @IsString()
  TEST_HOLD_JOBS?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get runsApi(): boolean {
    return this.PROCESS_ROLE !== 'worker';
  }

  get runsWorker(): boolean {
    return this.PROCESS_ROLE !== 'api';
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration: ' + problems.map((p) => `${p.variable}: ${p.message}`).join('; '),
    );
    this.name = 'ConfigValidationError';
  }
}

/** Reads and validates the environment; throws naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set(Object.keys(new AppConfig()));
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '' && (known.has(key) || isOptionalKey(key))) {
      defined[key] = value;
    }
  }
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => ({
    variable: e.property,
    message: Object.values(e.constraints ?? {}).join(', ') || 'is invalid',
  }));
  if (
    config.PROCESS_ROLE !== 'worker' &&
    (config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)
  ) {
    problems.push({
      variable: config.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD',
      message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
    });
  }
  if (config.STORAGE_DRIVER === 's3' && !config.S3_BUCKET) {
    problems.push({ variable: 'S3_BUCKET', message: 'is required when STORAGE_DRIVER is s3' });
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  config.PUBLIC_BASE_URL = (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(
    /\/+$/,
    '',
  );
  return config;
}

const OPTIONAL_KEYS = new Set([
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'JWT_SECRET',
  'CREDENTIALS_KEK',
  'SMTP_URL',
  'PUBLIC_BASE_URL',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'TEST_HOLD_JOBS',
]);

function isOptionalKey(key: string): boolean {
  return OPTIONAL_KEYS.has(key);
}

/** For entry points: the validated configuration, or a message naming the bad variables and exit 78. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    console.error(error.message);
    // EX_CONFIG from sysexits.h: the configuration is wrong.
    process.exit(78);
  }
}
