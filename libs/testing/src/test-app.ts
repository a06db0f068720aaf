import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createFastifyAdapter, configureHttpApp } from '@msc/api';
import { AppConfig, loadConfig, type ProcessRole } from '@msc/config';
import { OutboxRelay, settleBackgroundWork, TransactionHost } from '@msc/db';
import { JobQueue, QueueName, REDIS } from '@msc/queue';
import { loggerParams, PlatformModule } from '@msc/server';
import { ensureWorkerDatabase, testRun, truncatableTables } from './test-database.js';

export interface TestAppOptions {
  /** Environment overrides for this app, for example lower rate limits. */
  env?: Record<string, string>;
  /** Extra controllers served beside the API's (for probing the HTTP layer itself). */
  controllers?: Type[];
  /** Extra providers in the root module, initialised after every module it imports. */
  providers?: Type[];
  /** Modules those providers need beside the platform's. */
  imports?: Type[];
  /**
   * Where the logs go instead of stdout, so that a test can read them. Only for the first app of a
   * test file: nestjs-pino builds its one root logger once per module registry.
   */
  logDestination?: DestinationStream;
  /**
   * `all` (default): API and worker in this process. `api`: no processors and no outbox relay here,
   * for tests whose jobs run in worker processes they spawn (`spawnWorker`).
   */
  role?: ProcessRole;
}

let appsCreated = 0;

let superuser: Promise<boolean> | undefined;

/**
 * Empties the tables the tests write, as TRUNCATE … RESTART IDENTITY CASCADE would: one DELETE
 * each with triggers and foreign-key checks off (session_replication_role, which a superuser may
 * set; every table that references them is emptied with them), then the sequences those tables
 * own back to their start. On tables holding a test's few rows this takes milliseconds where
 * TRUNCATE, which gives each of 30 tables new files, took most of a second per test. A role that
 * is not a superuser gets the TRUNCATE.
 */
async function emptyTables(dataSource: DataSource, tables: string[]): Promise<void> {
  const names = tables.map((t) => `"${t}"`);
  superuser ??= dataSource
    .query<{ on: boolean }[]>(`SELECT current_setting('is_superuser') = 'on' AS on`)
    .then(([row]) => row?.on === true);
  if (!(await superuser)) {
    await dataSource.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    await manager.query(names.map((name) => `DELETE FROM ${name};`).join('\n'));
    await manager.query(
      `SELECT setval(d.objid::regclass, s.seqstart, false)
         FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
        WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
          AND d.deptype IN ('a', 'i') AND d.refobjid = ANY ($1::regclass[])`,
      [names],
    );
  });
}

/** A running platform (API and worker in one process) on this jest worker's database and Redis prefix. */
export class TestApp {
  constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
  ) {}

  get server() {
    return this.app.getHttpServer();
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    return this.app.get(token as never, { strict: false }) as T;
  }

  get db(): TransactionHost {
    return this.get(TransactionHost);
  }

  get redis(): Redis {
    return this.app.get<Redis>(REDIS, { strict: false });
  }

  queue(name: QueueName): Queue {
    return this.app.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Empties the tables the tests write, the rate counters and the queues. */
  async reset(): Promise<void> {
    await this.settle().catch(() => undefined);
    const tables = await truncatableTables();
    if (tables.length) await emptyTables(this.get(DataSource), tables);
    const keys = await this.redis.keys(`${this.config.REDIS_PREFIX}:rate:*`);
    // keys() returns prefixed names; del() would prefix again, so strip it.
    const prefix = `${this.config.REDIS_PREFIX}:`;
    if (keys.length) await this.redis.del(...keys.map((k) => k.slice(prefix.length)));
    for (const name of Object.values(QueueName)) {
      const queue = this.queue(name);
      await queue.drain(true);
      // Finished jobs too, so that a test sees only the jobs it caused.
      await queue.clean(0, 0, 'completed');
      await queue.clean(0, 0, 'failed');
    }
  }

  /**
   * Waits until the outbox is relayed and no job is waiting or running: the way tests await
   * asynchronous flows (delayed jobs are left alone; promote them with `runDelayed`).
   */
  async settle(timeoutMs = 15_000): Promise<void> {
    await settleBackgroundWork(
      { relay: this.relay(), jobs: this.get(JobQueue), dataSource: this.get(DataSource) },
      { timeoutMs },
    );
  }

  /** The outbox relay of this process; none in an API-only app. */
  private relay(): OutboxRelay | undefined {
    try {
      return this.get(OutboxRelay);
    } catch {
      return undefined;
    }
  }

  /** Promotes every delayed job of the queue to run now, then settles. */
  async runDelayed(name: QueueName): Promise<void> {
    const delayed = await this.queue(name).getDelayed();
    for (const job of delayed) await job.promote();
    await this.settle();
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Builds and starts the whole platform for an e2e test file. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = await ensureWorkerDatabase();
  const role = options.role ?? 'all';
  const config = loadConfig({
    NODE_ENV: 'test',
    PROCESS_ROLE: role,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `msc-test-${testRun()}-${process.env.JEST_WORKER_ID ?? '1'}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: `/tmp/msc-test-data/${testRun()}-${process.env.JEST_WORKER_ID ?? '1'}`,
    OUTBOX_POLL_INTERVAL_MS: '200',
    DATABASE_POOL_SIZE: '5',
    AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE: '10000',
    ...options.env,
  });
  const builder = Test.createTestingModule({
    imports: [PlatformModule.forRole(role), ...(options.imports ?? [])],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  })
    .overrideProvider(AppConfig)
    .useValue(config);
  if (options.logDestination) {
    if (appsCreated > 0)
      throw new Error(
        'logDestination needs the first test app of its file (nestjs-pino keeps one root logger)',
      );
    builder
      .overrideProvider(PARAMS_PROVIDER_TOKEN)
      .useValue(loggerParams(config, role, options.logDestination));
  }
  appsCreated += 1;
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(config),
    {
      bufferLogs: true,
      // The JSON parser is the platform's own (depth and NUL checks): see configureHttpApp.
      bodyParser: false,
    },
  );
  await configureHttpApp(app, { swaggerUi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const testApp = new TestApp(app, config);
  await testApp.reset();
  return testApp;
}
