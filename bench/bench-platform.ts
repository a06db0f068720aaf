import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { DataSource } from 'typeorm';
import { createHttpApp } from '@msc/api';
import { type AppConfig, loadConfig } from '@msc/config';
import {
  dropDatabase,
  OutboxRelay,
  prepareDatabase,
  settleBackgroundWork,
  TransactionHost,
} from '@msc/db';
import { migrations } from '@msc/migrations';
import { JobQueue } from '@msc/queue';
import { PlatformModule } from '@msc/server';

/** The whole platform (API and worker) on a scratch database and Redis prefix, dropped by `dispose`. */
export interface BenchPlatform {
  app: NestFastifyApplication;
  config: AppConfig;
  get<T>(token: abstract new (...args: never[]) => T): T;
  db: TransactionHost;
  settle(): Promise<void>;
  /** Counts the SQL statements `work` sends (every statement of the app's DataSource). */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>;
  dispose(): Promise<void>;
}

/** Boots a fresh platform for one bench: creates and migrates `msc_bench_<name>_<run>`. */
export async function startBenchPlatform(
  name: string,
  env: Record<string, string> = {},
): Promise<BenchPlatform> {
  const base = loadConfig();
  const url = new URL(base.DATABASE_URL);
  const run = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  url.pathname = `/msc_bench_${name}_${run}`;
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    REDIS_PREFIX: `msc-bench-${name}-${run}`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATA_DIR: `/tmp/msc-bench-data/${run}`,
    OUTBOX_POLL_INTERVAL_MS: '200',
    ...env,
  });
  const config = loadConfig();
  await prepareDatabase(config, migrations);

  const app = await createHttpApp(PlatformModule.forRole('all'), config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const get = <T>(token: abstract new (...args: never[]) => T): T =>
    app.get(token as never, { strict: false }) as T;
  const dataSource = get(DataSource);

  let counting = 0;
  const original = dataSource.logger;
  const counter: TypeOrmLogger = {
    logQuery: (...args) => {
      counting += 1;
      original.logQuery(...args);
    },
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  // Every statement of the DataSource goes through its logger, enabled or not.
  (dataSource as { logger: TypeOrmLogger }).logger = counter;

  const settle = () =>
    settleBackgroundWork(
      { relay: get(OutboxRelay), jobs: get(JobQueue), dataSource },
      { timeoutMs: 600_000 },
    );

  return {
    app,
    config,
    get,
    db: get(TransactionHost),
    settle,
    async countQueries(work) {
      const before = counting;
      const result = await work();
      return { result, queries: counting - before };
    },
    async dispose() {
      await app.close();
      await dropDatabase(config.DATABASE_URL);
      const redis = new Redis(config.REDIS_URL);
      try {
        const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
        if (keys.length) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** The value at quantile `q` (0..1) of sorted samples. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
