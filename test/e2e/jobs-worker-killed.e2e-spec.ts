import { JobName, QueueName } from '@msc/queue';
import { createTestApp, type TestApp, WorkerProcess } from '@msc/testing';

/** Enough for three worker boots (the sources are transpiled on load) and the work itself. */
const TEST_TIMEOUT_MS = 480_000;

const ELIGIBLE = 260;
const NOT_COMPLETING = 25;
const NO_CE = 15;

/**
 * Quick lock expiry and stalled-job checks, a reconciler every second that waits for nothing. The
 * lock outlasts an event loop blocked on a loaded machine (a lapse there would count as a third
 * stall); a new worker takes longer than it to boot anyway.
 */
const WORKER_ENV = {
  WORKER_LOCK_DURATION_MS: '6000',
  WORKER_STALLED_INTERVAL_MS: '500',
  RECONCILE_INTERVAL_SECONDS: '1',
  RECONCILE_AFTER_SECONDS: '0',
  COMPLETION_GRACE_DAYS: '7',
};

/**
 * The must-show of issue 7: a worker process killed twice (SIGKILL) while it runs a cohort's
 * completion loses that job in BullMQ (stalled more than allowed, so failed). With nobody's help,
 * a third worker's stalled-job handling and the reconciler finish the work: the cohort completes
 * and every eligible enrollment holds exactly one CE credit.
 */
describe('a worker killed twice mid-job (e2e, real worker processes)', () => {
  let app: TestApp;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // API only here: every job runs in the worker processes the test starts and kills.
    app = await createTestApp({ role: 'api' });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await app.close();
  });

  const startWorker = async (env: Record<string, string> = {}) => {
    const worker = await WorkerProcess.start(app.config, { env: { ...WORKER_ENV, ...env } });
    workers.push(worker);
    return worker;
  };

  /** A CE cohort whose last session ended 30 days ago: past its 7-day grace, still open. */
  async function dueCohort(): Promise<{ cohortId: string; eligible: string[] }> {
    const [course] = await app.db.query<{ id: string }>(
      `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
                            completion_min_sessions, ce_hours, ce_accreditor)
       VALUES ('MSC-KILL', 'Mindful Self-Compassion', 'msc_8_week', 'online', 8, 150, 7, 24.00,
               'Approved for 24 CE hours (test accreditor).') RETURNING id`,
    );
    const [cohort] = await app.db.query<{ id: string }>(
      `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
                            ce_eligible, status, created_at)
       VALUES ($1, 'Autumn cohort', (now() - interval '79 days')::date, '18:00', 'UTC', 'weekly',
               10000, true, 'open', now() - interval '90 days') RETURNING id`,
      [course!.id],
    );
    await app.db.query(
      `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at)
       SELECT $1, n, now() - interval '79 days' + (n - 1) * interval '7 days',
              now() - interval '79 days' + (n - 1) * interval '7 days' + interval '150 minutes'
       FROM generate_series(1, 8) AS n`,
      [cohort!.id],
    );
    const enroll = async (count: number, attended: number, requestCe: boolean) => {
      const rows = await app.db.query<{ id: string }>(
        `WITH people AS (
           INSERT INTO users (email, password_hash, display_name, roles, time_zone)
           SELECT 'killed-' || gen_random_uuid() || '@example.org', 'not-a-hash', 'Trainee ' || n,
                  ARRAY['trainee'], 'UTC'
           FROM generate_series(1, $2::int) AS n RETURNING id
         )
         INSERT INTO enrollments (cohort_id, user_id, status, request_ce, enrolled_at)
         SELECT $1, id, 'enrolled', $3, now() - interval '85 days' FROM people RETURNING id, user_id`,
        [cohort!.id, count, requestCe],
      );
      await app.db.query(
        `INSERT INTO attendance_records (session_id, cohort_id, user_id, status)
         SELECT s.id, s.cohort_id, e.user_id, CASE WHEN s.number <= $3 THEN 'present' ELSE 'absent' END
         FROM cohort_sessions s JOIN enrollments e ON e.cohort_id = s.cohort_id
         WHERE s.cohort_id = $1 AND e.id = ANY($2::uuid[])`,
        [cohort!.id, rows.map((row) => row.id), attended],
      );
      return rows.map((row) => row.id);
    };
    const eligible = await enroll(ELIGIBLE, 8, true);
    await enroll(NOT_COMPLETING, 5, true);
    await enroll(NO_CE, 8, false);
    return { cohortId: cohort!.id, eligible };
  }

  async function waitUntil<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline)
        throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
      // Polling the database another process writes: there is no in-process event to await.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const cohortState = async (cohortId: string) => {
    const [row] = await app.db.query<{ status: string; completed: number; credits: number }>(
      `SELECT c.status,
              (SELECT count(*)::int FROM enrollments e WHERE e.cohort_id = c.id AND e.completed_at IS NOT NULL) AS completed,
              (SELECT count(*)::int FROM ce_credits cc WHERE cc.cohort_id = c.id) AS credits
       FROM cohorts c WHERE c.id = $1`,
      [cohortId],
    );
    return row!;
  };

  /** What BullMQ holds, for a failure message: the lost job, the queue, the reconciler's schedule. */
  const bullmqHolds = async (jobId?: string) => {
    const scheduling = app.queue(QueueName.Scheduling);
    const job = jobId ? await scheduling.getJob(jobId) : undefined;
    return JSON.stringify({
      job: job && {
        state: await job.getState(),
        stalledCounter: job.stalledCounter,
        failedReason: job.failedReason,
      },
      scheduling: await scheduling.getJobCounts(),
      schedulers: await app.queue(QueueName.Maintenance).getJobSchedulers(),
      now: Date.now(),
    });
  };
  /** Adds what BullMQ holds to a wait's failure. */
  const explained = (jobId?: string) => async (error: Error) => {
    throw new Error(`${error.message}\nBullMQ holds ${await bullmqHolds(jobId)}`);
  };

  it(
    'should complete the cohort and issue exactly one credit per eligible enrollment after two SIGKILLs',
    async () => {
      const { cohortId, eligible } = await dueCohort();
      const held = new RegExp(
        `MSC_TEST_HOLD ${JobName.CompleteCohort} (cohort-complete\\.${cohortId}\\.\\d+)`,
      );

      // First worker: its reconciler finds the cohort due and enqueues the completion, which does
      // its work and holds before committing. Killed there.
      const first = await startWorker({ TEST_HOLD_JOBS: JobName.CompleteCohort });
      const [, jobId] = await first.waitFor(held, 150_000).catch(explained());
      expect(await cohortState(cohortId)).toEqual({ status: 'open', completed: 0, credits: 0 });
      await first.kill();

      // Second worker: BullMQ finds the job stalled (its lock expired) and runs it again; killed
      // at the same point again. The work of both runs was rolled back with their transactions.
      const second = await startWorker({ TEST_HOLD_JOBS: JobName.CompleteCohort });
      const [, again] = await second.waitFor(held, 150_000).catch(explained(jobId));
      expect(again).toBe(jobId);
      expect(await cohortState(cohortId)).toEqual({ status: 'open', completed: 0, credits: 0 });
      await second.kill();

      // Third worker, nobody's help: the job stalled a second time, so BullMQ fails it; the
      // reconciler sees the cohort still open past its grace period and runs the completion anew.
      const third = await startWorker();
      const state = await waitUntil(
        () => cohortState(cohortId),
        (s) => s.status === 'completed' && s.credits >= ELIGIBLE,
        180_000,
      ).catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nBullMQ holds ${await bullmqHolds(jobId)}\nthe third worker said:\n${third.log.slice(-4000)}`,
        );
      });
      expect(state).toEqual({
        status: 'completed',
        completed: ELIGIBLE + NO_CE,
        credits: ELIGIBLE,
      });
      const credits = await app.db.query<{ enrollment_id: string }>(
        'SELECT enrollment_id FROM ce_credits WHERE cohort_id = $1 ORDER BY enrollment_id',
        [cohortId],
      );
      expect(credits.map((c) => c.enrollment_id)).toEqual([...eligible].sort());
      expect(third.log).toMatch(/re-enqueued work that lost its job/);

      // Nothing left behind: no failed job of this cohort remains, and a later pass adds nothing.
      await waitUntil(
        async () => {
          const failed = await app.queue(QueueName.Scheduling).getFailed();
          return failed.filter((job) => job.id === jobId).length;
        },
        (n) => n === 0,
        10_000,
      );
      await third.stop();
      expect(await cohortState(cohortId)).toEqual(state);
    },
    TEST_TIMEOUT_MS,
  );
});
