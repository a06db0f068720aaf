import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { PlatformModule } from '@msc/api';
import { loadConfigOrExit } from '@msc/config';
import { OutboxRelay, prepareDatabase, settleBackgroundWork } from '@msc/db';
import { IdentityModule } from '@msc/domain/identity';
import { PathwayModule } from '@msc/domain/pathway';
import { migrations } from '@msc/migrations';
import { JobQueue } from '@msc/queue';
import { DEMO_PASSWORDS, type DemoSeedResult, seedDemo, type SeedHost } from './demo-seed.js';

/** The worker (processors and outbox relay) plus the contexts the seed calls; no HTTP layer. */
@Module({ imports: [PlatformModule.forRole('worker'), IdentityModule, PathwayModule] })
class SeedDemoModule {}

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
  const context = await NestFactory.createApplicationContext(SeedDemoModule, {
    logger: ['error', 'warn'],
  });
  await context.init();
  try {
    const host: SeedHost = {
      get: (token) => context.get(token as never, { strict: false }),
      settle: () =>
        settleBackgroundWork(
          {
            relay: context.get(OutboxRelay, { strict: false }),
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
