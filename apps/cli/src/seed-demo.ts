import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { PlatformModule } from '@msc/api';
import { type AppConfig, ConfigValidationError, loadConfig } from '@msc/config';
import { dataSourceOptions, ensureDatabase, migrateWithLock, OutboxRelay } from '@msc/db';
import { IdentityModule } from '@msc/domain/identity';
import { PathwayModule } from '@msc/domain/pathway';
import { migrations } from '@msc/migrations';
import { QueueName } from '@msc/queue';
import { DEMO_PASSWORDS, type DemoSeedResult, seedDemo, type SeedHost } from './demo-seed.js';

/** The worker (processors and outbox relay) plus the contexts the seed calls; no HTTP layer. */
@Module({ imports: [PlatformModule.forRole('worker'), IdentityModule, PathwayModule] })
class SeedDemoModule {}

async function prepareDatabase(config: AppConfig): Promise<void> {
  if (await ensureDatabase(config.DATABASE_URL)) console.log('created the database');
  const dataSource = new DataSource(dataSourceOptions(config, [], migrations));
  await dataSource.initialize();
  try {
    const applied = await migrateWithLock(dataSource);
    if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

/** Waits until the outbox is relayed and no job waits or runs, twice in a row (delayed jobs stay). */
async function settle(context: INestApplicationContext, timeoutMs = 120_000): Promise<void> {
  const relay = context.get(OutboxRelay, { strict: false });
  const dataSource = context.get(DataSource, { strict: false });
  const queues = Object.values(QueueName).map((name) =>
    context.get<Queue>(getQueueToken(name), { strict: false }),
  );
  const deadline = Date.now() + timeoutMs;
  let idle = 0;
  for (;;) {
    await relay.drain();
    let busy = 0;
    for (const queue of queues) {
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'prioritized',
        'waiting-children',
      );
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    const [pending] = (await dataSource.query(
      'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
    )) as { n: number }[];
    busy += pending!.n;
    idle = busy === 0 ? idle + 1 : 0;
    if (idle >= 2) return;
    if (busy === 0) continue;
    if (Date.now() > deadline)
      throw new Error(`background jobs still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
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
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  await prepareDatabase(config);
  const context = await NestFactory.createApplicationContext(SeedDemoModule, {
    logger: ['error', 'warn'],
  });
  await context.init();
  try {
    const host: SeedHost = {
      get: (token) => context.get(token as never, { strict: false }),
      settle: () => settle(context),
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
