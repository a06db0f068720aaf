import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type AppConfig, loadConfigOrExit } from '@msc/config';
import { OutboxRelay, prepareDatabase, settleBackgroundWork } from '@msc/db';
import { IdentityModule } from '@msc/domain/identity';
import { PathwayModule } from '@msc/domain/pathway';
import { migrations } from '@msc/migrations';
import { JobQueue, QueueName } from '@msc/queue';
import { PlatformModule } from '@msc/server';
import { DEMO_PASSWORDS, type DemoSeedResult, seedDemo, type SeedHost } from './demo-seed.js';

/**
 * The contexts the seed calls, no HTTP server. With `ownWorker`, the worker too (processors and
 * outbox relay); without, the jobs the seed causes are left to the workers already running.
 */
@Module({})
class SeedDemoModule {
  static create(ownWorker: boolean): DynamicModule {
    return {
      module: SeedDemoModule,
      // 'api' brings every domain module without processors or relay (nothing listens: no HTTP
      // server is started from an application context).
      imports: [
        PlatformModule.forRole(ownWorker ? 'worker' : 'api'),
        IdentityModule,
        PathwayModule,
      ],
    };
  }
}

/**
 * Whether a worker serves every queue already (`npm start` on the same database and Redis): then
 * the seed processes no job itself, so that two processes never race over its jobs; it only waits
 * for them. BullMQ names its worker connections, so Redis can tell.
 */
async function workersRunning(config: AppConfig): Promise<boolean> {
  const connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };
  const queues = Object.values(QueueName).map(
    (name) => new Queue(name, { connection, prefix: config.REDIS_PREFIX }),
  );
  try {
    const counts = await Promise.all(queues.map((queue) => queue.getWorkersCount()));
    return counts.every((count) => count > 0);
  } catch {
    // CLIENT LIST refused (a managed Redis): run our own worker, which BullMQ makes safe too.
    return false;
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
}

function printLogins(result: DemoSeedResult): void {
  console.log(
    result.outcome === 'seeded'
      ? 'Demo data created.'
      : 'Demo data already present; nothing was added.',
  );
  console.log('Demo-only passwords: never use these accounts on a real deployment.');
  console.table(
    result.logins.map((login) => ({
      email: login.email,
      password: login.password,
      role: login.role,
      stage: login.stage === undefined ? '' : (login.stage ?? 'certified (all stages complete)'),
      about: login.about,
    })),
  );
  console.log(
    `${result.participants} more trainees fill the cohorts (participant e-mails under ` +
      `@msc-demo.example.org, password ${DEMO_PASSWORDS.trainee}).`,
  );
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const config = loadConfigOrExit();
  const database = await prepareDatabase(config, migrations);
  if (database.created) console.log('created the database');
  const shared = await workersRunning(config);
  console.log(
    shared
      ? 'A worker is running on this database and Redis: it does the background work of the seed.'
      : 'No worker is running: the seed runs its own while it seeds.',
  );
  const context = await NestFactory.createApplicationContext(SeedDemoModule.create(!shared), {
    logger: ['error', 'warn'],
  });
  await context.init();
  try {
    const host: SeedHost = {
      get: (token) => context.get(token as never, { strict: false }),
      settle: () =>
        settleBackgroundWork(
          {
            relay: shared ? undefined : context.get(OutboxRelay, { strict: false }),
            jobs: context.get(JobQueue, { strict: false }),
            dataSource: context.get(DataSource, { strict: false }),
          },
          { timeoutMs: 120_000, pollMs: 50 },
        ),
    };
    const started = Date.now();
    const result = await seedDemo(host);
    await host.settle();
    printLogins(result);
    console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await context.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
