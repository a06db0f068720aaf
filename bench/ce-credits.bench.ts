import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '@msc/config';
import { dropDatabase, prepareDatabase } from '@msc/db';
import { CE_CHUNK_SIZE, CeCreditsService } from '@msc/domain/ce-credits';
import { migrations } from '@msc/migrations';
import { JobName, JobQueue, QueueName } from '@msc/queue';
import { PlatformModule } from '@msc/server';

const TRAINEES = Number(process.env.BENCH_CE_TRAINEES ?? 5000);

interface Timing {
  scenario: string;
  ms: number;
  credits: number;
}

/** A completed, CE-eligible cohort of `count` trainees: 8 sessions, one missed by every 10th. */
async function seed(db: DataSource, count: number): Promise<{ cohortId: string; ids: string[] }> {
  const [course] = (await db.query(
    `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
                          completion_min_sessions, ce_hours, ce_accreditor)
     VALUES ('MSC-BENCH', 'Mindful Self-Compassion', 'msc_8_week', 'online', 8, 150, 7, 24,
             'Approved for 24 CE hours (bench).') RETURNING id`,
  )) as { id: string }[];
  const [cohort] = (await db.query(
    `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
                          ce_eligible, status, completed_at)
     VALUES ($1, 'Bench cohort', '2026-01-05', '18:00', 'Europe/Lisbon', 'weekly', 10000, true,
             'completed', now()) RETURNING id`,
    [course!.id],
  )) as { id: string }[];
  await db.query(
    `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at)
     SELECT $1, n, timestamptz '2026-01-05 18:00Z' + (n - 1) * interval '7 days',
            timestamptz '2026-01-05 20:30Z' + (n - 1) * interval '7 days'
     FROM generate_series(1, 8) AS n`,
    [cohort!.id],
  );
  await db.query(
    `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
     SELECT 'bench-' || n || '@example.org', 'not-a-hash', 'Trainee ' || n, ARRAY['trainee'], 'UTC'
     FROM generate_series(1, $1::int) AS n`,
    [count],
  );
  const enrollments = (await db.query(
    `INSERT INTO enrollments (cohort_id, user_id, status, request_ce, enrolled_at, completed_at)
     SELECT $1, id, 'enrolled', true, now(), now() FROM users WHERE email LIKE 'bench-%'
     RETURNING id`,
    [cohort!.id],
  )) as { id: string }[];
  await db.query(
    `INSERT INTO attendance_records (session_id, cohort_id, user_id, status)
     SELECT s.id, s.cohort_id, e.user_id,
            CASE WHEN s.number = 8 AND right(e.user_id::text, 1) = '0' THEN 'absent' ELSE 'present' END
     FROM cohort_sessions s JOIN enrollments e ON e.cohort_id = s.cohort_id
     WHERE s.cohort_id = $1`,
    [cohort!.id],
  );
  return { cohortId: cohort!.id, ids: enrollments.map((e) => e.id) };
}

/** Waits until the queues have nothing waiting or running (and, with `outbox`, nothing to relay). */
async function idle(db: DataSource, queues: Queue[], outbox = true): Promise<void> {
  for (;;) {
    let busy = 0;
    if (outbox) {
      const [pending] = (await db.query(
        'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
      )) as { n: number }[];
      busy += pending!.n;
    }
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function creditCount(db: DataSource): Promise<number> {
  const [row] = (await db.query('SELECT count(*)::int AS n FROM ce_credits')) as { n: number }[];
  return row!.n;
}

/** Issues CE credits for a cohort of BENCH_CE_TRAINEES (5,000) three ways and prints the times. */
export async function benchCeCredits(): Promise<Timing[]> {
  const base = loadConfig();
  const url = new URL(base.DATABASE_URL);
  const run = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  url.pathname = `/msc_bench_ce_${run}`;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_PREFIX = `msc-bench-${run}`;
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
  const config = loadConfig();
  await prepareDatabase(config, migrations);
  const app = await NestFactory.createApplicationContext(PlatformModule.forRole('worker'), {
    logger: ['error', 'warn'],
  });
  await app.init();
  const timings: Timing[] = [];
  try {
    const db = app.get(DataSource);
    const service = app.get(CeCreditsService);
    const jobs = app.get(JobQueue);
    const queues = Object.values(QueueName).map((name) =>
      app.get<Queue>(getQueueToken(name), { strict: false }),
    );
    const { cohortId, ids } = await seed(db, TRAINEES);
    const reset = async () => {
      await idle(db, queues);
      await db.query('TRUNCATE ce_credits, notifications, outbox');
    };
    const time = async (scenario: string, work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      timings.push({ scenario, ms: performance.now() - started, credits: await creditCount(db) });
    };

    await time(`one bulk insert of ${ids.length} (no queue)`, () =>
      service.issueChunk({ cohortId, enrollmentIds: ids }),
    );
    await reset();
    await time('cohort job fanned out to chunk jobs, credits written', async () => {
      await jobs.enqueue(
        { name: JobName.IssueCohortCeCredits, data: { cohortId } },
        { jobId: `bench-${run}-1` },
      );
      await idle(
        db,
        queues.filter((q) => q.name === QueueName.CeCredits),
        false,
      );
    });
    await time('… and every notification relayed and delivered', () => idle(db, queues));
    await time('cohort job again (nothing left to issue)', async () => {
      await jobs.enqueue(
        { name: JobName.IssueCohortCeCredits, data: { cohortId } },
        { jobId: `bench-${run}-2` },
      );
      await idle(db, queues);
    });
    await time('every chunk replayed (all conflicts)', async () => {
      for (let i = 0; i < ids.length; i += CE_CHUNK_SIZE) {
        await jobs.enqueue({
          name: JobName.IssueCeCreditChunk,
          data: {
            cohortId,
            batch: `replay-${run}`,
            enrollmentIds: ids.slice(i, i + CE_CHUNK_SIZE),
          },
        });
      }
      await idle(db, queues);
    });
  } finally {
    await app.close();
    await dropDatabase(config.DATABASE_URL);
    const redis = new Redis(config.REDIS_URL);
    try {
      const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  }
  console.log(`CE credits for a cohort of ${TRAINEES} trainees:`);
  console.table(
    timings.map((t) => ({ scenario: t.scenario, ms: Math.round(t.ms), credits: t.credits })),
  );
  return timings;
}
