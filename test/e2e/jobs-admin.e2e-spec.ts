import request from 'supertest';
import { Outbox } from '@msc/db';
import { BackgroundWorkReconciler } from '@msc/domain/maintenance';
import { type JobItem, JobName, jobIdOf, QueueName } from '@msc/queue';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

const DAY = 86_400_000;

describe('background jobs: admins see and retry failures, the reconciler finds lost work (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    // The reconciler picks up anything left undone, however recent (the tests make it recent).
    app = await createTestApp({ env: { RECONCILE_AFTER_SECONDS: '0' } });
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  /**
   * A job that fails at once, on its only attempt: a notification whose user id is not a UUID
   * (its insert is refused), or, under `name`, a job no processor handles.
   */
  async function failedJob(jobId: string, name: string = JobName.DeliverNotification) {
    const data = { userId: 'not-a-uuid', dedupeKey: jobId, kind: 'test', title: 'Hi', body: 'Hi' };
    await app.queue(QueueName.Notifications).add(name, data, { jobId, attempts: 1 });
    await app.settle();
    expect(await app.queue(QueueName.Notifications).getJobState(jobId)).toBe('failed');
  }

  const notifications = async (userId: string) =>
    Number(
      (
        await app.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM notifications WHERE user_id = $1',
          [userId],
        )
      )[0]!.n,
    );

  describe('GET /admin/jobs and POST /admin/jobs/:queue/:jobId/retry', () => {
    it('should list counts per queue and the failed jobs with why they failed, paginated', async () => {
      const admin = await factories.newAdmin();
      await failedJob('test-failure-0');
      await failedJob('test-failure-1');

      const res = await request(app.server).get('/api/v1/admin/jobs').set(admin.auth).expect(200);

      expect(res.body.queues).toEqual(
        expect.arrayContaining([
          { queue: 'notifications', waiting: 0, active: 0, delayed: 0, failed: 2, completed: 0 },
        ]),
      );
      expect(res.body.queues.map((q: { queue: string }) => q.queue).sort()).toEqual(
        Object.values(QueueName).sort(),
      );
      expect(res.body.total).toBe(2);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items[0]).toEqual({
        queue: 'notifications',
        id: expect.stringMatching(/^test-failure-[01]$/),
        name: JobName.DeliverNotification,
        failedReason: expect.stringMatching(/uuid/i),
        attemptsMade: 1,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        processedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      const second = await request(app.server)
        .get('/api/v1/admin/jobs?limit=1&offset=1&queue=notifications')
        .set(admin.auth)
        .expect(200);
      expect(second.body.total).toBe(2);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(res.body.items[0].id);
      const other = await request(app.server)
        .get('/api/v1/admin/jobs?queue=credentials')
        .set(admin.auth)
        .expect(200);
      expect(other.body).toMatchObject({ total: 0, items: [] });
    });

    it('should run a failed job again from its first attempt on retry, and record who asked', async () => {
      const admin = await factories.newAdmin();
      await failedJob('test-retry', 'no-such-job');
      const queue = app.queue(QueueName.Notifications);
      const firstFailure = (await queue.getJob('test-retry'))!.finishedOn!;

      const res = await request(app.server)
        .post('/api/v1/admin/jobs/notifications/test-retry/retry')
        .set(admin.auth)
        .expect(200);
      await app.settle();

      expect(res.body).toEqual({ queue: 'notifications', id: 'test-retry', state: 'waiting' });
      const again = (await queue.getJob('test-retry'))!;
      // It ran again (and, having no handler, failed again on its one attempt).
      expect(again.finishedOn!).toBeGreaterThan(firstFailure);
      expect(again.attemptsMade).toBe(1);
      expect(again.failedReason).toMatch(/no handler for job "no-such-job"/);
      const [audit] = await app.db.query<{ actor_id: string }>(
        `SELECT actor_id FROM audit_events WHERE action = 'jobs.retried' AND subject = $1`,
        ['job/notifications/test-retry'],
      );
      expect(audit?.actor_id).toBe(admin.id);
    });

    it('should answer 409 to a retry of a job that has not failed', async () => {
      const admin = await factories.newAdmin();
      await app.queue(QueueName.Notifications).add('later', {}, { jobId: 'later', delay: DAY });

      expectProblem(
        await request(app.server)
          .post('/api/v1/admin/jobs/notifications/later/retry')
          .set(admin.auth),
        409,
      );
    });

    it('should answer 404 for an unknown queue or job, 403 to non-admins and 401 without a token', async () => {
      const admin = await factories.newAdmin();
      const trainee = await factories.newTrainee();

      expectProblem(
        await request(app.server).post('/api/v1/admin/jobs/nope/x/retry').set(admin.auth),
        404,
      );
      expectProblem(
        await request(app.server)
          .post('/api/v1/admin/jobs/notifications/nope/retry')
          .set(admin.auth),
        404,
      );
      expectProblem(await request(app.server).get('/api/v1/admin/jobs').set(trainee.auth), 403);
      expectProblem(
        await request(app.server)
          .post('/api/v1/admin/jobs/notifications/x/retry')
          .set(trainee.auth),
        403,
      );
      expectProblem(await request(app.server).get('/api/v1/admin/jobs'), 401);
      expectProblem(
        await request(app.server).get('/api/v1/admin/jobs?queue=bogus').set(admin.auth),
        400,
      );
    });
  });

  describe('a retained job never swallows a newer request', () => {
    it('should run a request whose deterministic id belongs to a failed job, and one newer than a completed run', async () => {
      const user = await factories.newTrainee();
      const item: JobItem = {
        name: JobName.DeliverNotification,
        data: { userId: user.id, dedupeKey: 'swallowed', kind: 'test', title: 'Hi', body: 'Hi' },
      };
      const jobId = jobIdOf(item);
      await failedJob(jobId);

      await app.db.transaction(() => app.get(Outbox).add(item, { jobId }));
      await app.settle();

      const queue = app.queue(QueueName.Notifications);
      expect(await queue.getJobState(jobId)).toBe('completed');
      expect(await notifications(user.id)).toBe(1);
      const firstRun = (await queue.getJob(jobId))!.finishedOn!;

      await app.db.transaction(() => app.get(Outbox).add(item, { jobId }));
      await app.settle();

      expect((await queue.getJob(jobId))!.finishedOn!).toBeGreaterThan(firstRun);
      // The job is idempotent: its second run delivers nothing twice.
      expect(await notifications(user.id)).toBe(1);
    });
  });

  describe('the reconciler', () => {
    async function cohort(spec: {
      lastEndedDaysAgo: number;
      createdDaysAgo: number;
      status?: 'open' | 'completed';
      enrolled?: number;
    }): Promise<string> {
      const [course] = await app.db.query<{ id: string }>(
        `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
                              completion_min_sessions, ce_hours, ce_accreditor)
         VALUES ('R-' || substr(gen_random_uuid()::text, 1, 8), 'MSC', 'msc_8_week', 'online', 2, 60, 2,
                 4.00, 'Test accreditor') RETURNING id`,
      );
      const status = spec.status ?? 'open';
      const [row] = await app.db.query<{ id: string }>(
        `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
                              ce_eligible, status, completed_at, created_at)
         VALUES ($1, 'Reconciled', (now() - make_interval(days => $2 + 7))::date, '18:00', 'UTC',
                 'weekly', 100, true, $3, CASE WHEN $3 = 'completed' THEN now() END,
                 now() - make_interval(days => $4)) RETURNING id`,
        [course!.id, spec.lastEndedDaysAgo, status, spec.createdDaysAgo],
      );
      await app.db.query(
        `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at)
         SELECT $1, n, now() - make_interval(days => $2 + 7 * (2 - n)) - interval '1 hour',
                now() - make_interval(days => $2 + 7 * (2 - n))
         FROM generate_series(1, 2) AS n`,
        [row!.id, spec.lastEndedDaysAgo],
      );
      const trainees = await Promise.all(
        Array.from({ length: spec.enrolled ?? 3 }, () => factories.newTrainee()),
      );
      await app.db.query(
        `INSERT INTO enrollments (cohort_id, user_id, status, request_ce, enrolled_at, completed_at)
         SELECT $1, u, 'enrolled', true, now() - interval '60 days',
                CASE WHEN $3 = 'completed' THEN now() END
         FROM unnest($2::uuid[]) AS u`,
        [row!.id, trainees.map((t) => t.id), status],
      );
      await app.db.query(
        `INSERT INTO attendance_records (session_id, cohort_id, user_id, status)
         SELECT s.id, s.cohort_id, u, 'present'
         FROM cohort_sessions s CROSS JOIN unnest($2::uuid[]) AS u WHERE s.cohort_id = $1`,
        [row!.id, trainees.map((t) => t.id)],
      );
      return row!.id;
    }

    const stateOf = async (cohortId: string) =>
      (
        await app.db.query<{ status: string; credits: number }>(
          `SELECT status, (SELECT count(*)::int FROM ce_credits WHERE cohort_id = c.id) AS credits
           FROM cohorts c WHERE id = $1`,
          [cohortId],
        )
      )[0]!;

    it('should complete cohorts past their grace period and credit completed cohorts left uncredited', async () => {
      const due = await cohort({ lastEndedDaysAgo: 10, createdDaysAgo: 80 });
      const inGrace = await cohort({ lastEndedDaysAgo: 3, createdDaysAgo: 80 });
      const recordOfThePast = await cohort({ lastEndedDaysAgo: 30, createdDaysAgo: 1 });
      const uncredited = await cohort({
        lastEndedDaysAgo: 30,
        createdDaysAgo: 80,
        status: 'completed',
      });

      const outcome = await app.get(BackgroundWorkReconciler).reconcile();
      await app.settle();

      expect(outcome).toMatchObject({ completions: 1, ceCredits: 1, enqueued: 2 });
      expect(await stateOf(due)).toEqual({ status: 'completed', credits: 3 });
      expect(await stateOf(uncredited)).toEqual({ status: 'completed', credits: 3 });
      expect(await stateOf(inGrace)).toEqual({ status: 'open', credits: 0 });
      expect(await stateOf(recordOfThePast)).toEqual({ status: 'open', credits: 0 });
      // Nothing is left to do: the next pass finds nothing.
      expect(await app.get(BackgroundWorkReconciler).reconcile()).toEqual({
        completions: 0,
        ceCredits: 0,
        credentials: 0,
        recordings: 0,
        enqueued: 0,
      });
    });

    it('should finish a completion an admin asked for whose job was lost, not one a reopening superseded', async () => {
      const admin = await factories.newAdmin();
      const asked = await cohort({ lastEndedDaysAgo: 1, createdDaysAgo: 1 });
      const reopened = await cohort({ lastEndedDaysAgo: 20, createdDaysAgo: 80 });
      await app.db.query(
        `INSERT INTO audit_events (actor_id, action, subject, at) VALUES
           ($1, 'cohort.completion_requested', 'cohort/' || $2, now() - interval '1 hour'),
           ($1, 'cohort.completed', 'cohort/' || $3, now() - interval '2 days'),
           ($1, 'cohort.reopened', 'cohort/' || $3, now() - interval '1 day')`,
        [admin.id, asked, reopened],
      );

      const res = await request(app.server)
        .post('/api/v1/admin/jobs/reconcile')
        .set(admin.auth)
        .expect(202);
      await app.settle();

      expect(res.body).toEqual({
        jobId: expect.stringMatching(/^reconcile\.manual\.\d+$/),
        status: 'queued',
      });
      expect(await stateOf(asked)).toEqual({ status: 'completed', credits: 3 });
      expect(await stateOf(reopened)).toEqual({ status: 'open', credits: 0 });
    });

    it('should enqueue the probe of a recording stuck in processing, once', async () => {
      const trainee = await factories.newTrainee();
      const mentor = await factories.newMentor();
      const cohortId = await cohort({ lastEndedDaysAgo: 1, createdDaysAgo: 1, enrolled: 0 });
      const [practicum] = await app.db.query<{ id: string }>(
        'INSERT INTO practicums (trainee_id, mentor_id) VALUES ($1, $2) RETURNING id',
        [trainee.id, mentor.id],
      );
      const [recording] = await app.db.query<{ id: string }>(
        `INSERT INTO teaching_recordings (practicum_id, trainee_id, cohort_id, session_number,
                                          storage_key, media_type, size_bytes, sha256,
                                          consent_confirmed_at, updated_at)
         VALUES ($1, $2, $3, 1, 'recordings/lost-' || gen_random_uuid(), 'audio/wav', 100, repeat('0', 64),
                 now(), now() - interval '2 hours') RETURNING id`,
        [practicum!.id, trainee.id, cohortId],
      );

      const probe = jobIdOf({ name: JobName.ProbeRecording, data: { recordingId: recording!.id } });
      await app.queue(QueueName.Recordings).pause();
      try {
        expect(await app.get(BackgroundWorkReconciler).reconcile()).toMatchObject({
          recordings: 1,
          enqueued: 1,
        });
        // Its probe waits to run (the queue is paused here); a second pass does not add it twice.
        expect(await app.queue(QueueName.Recordings).getJobState(probe)).toBe('waiting');
        expect(await app.get(BackgroundWorkReconciler).reconcile()).toMatchObject({
          recordings: 1,
          enqueued: 0,
        });
        expect(await app.queue(QueueName.Recordings).getWaitingCount()).toBe(1);
      } finally {
        await app.queue(QueueName.Recordings).resume();
      }
    });
  });

  it('should schedule the reconciler as a repeatable job with a fixed id', async () => {
    const schedulers = await app.queue(QueueName.Maintenance).getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'reconcile-background-work',
          every: app.config.RECONCILE_INTERVAL_SECONDS * 1000,
        }),
      ]),
    );
  });
});
