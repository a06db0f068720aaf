import { DateTime } from 'luxon';
import request from 'supertest';
import { CompletionService } from '@msc/domain/courses';
import { JobName, QueueName } from '@msc/queue';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

interface Session {
  id: string;
  number: number;
  startsAt: string;
  endsAt: string;
}

const DAY = 86_400_000;
const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

/** Cohorts as they really run: attendance open after the last session, completion, reopening. */
describe('cohort completion (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
  });
  afterAll(() => app.close());

  const api = () => request(app.server);

  async function newCohort(startDate: string, ceEligible = false) {
    const course = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `MSC-${Math.random().toString(36).slice(2, 8)}`,
        title: 'Mindful Self-Compassion',
        format: 'msc_8_week',
        sessionCount: 3,
        sessionMinutes: 120,
        completionMinSessions: 2,
        ceHours: 6,
      })
      .expect(201);
    const created = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title: 'Evenings',
        startDate,
        localTime: '18:30',
        timeZone: 'UTC',
        capacity: 10,
        ceEligible,
      })
      .expect(201);
    await app.settle();
    const { body } = await api().get(`/api/v1/cohorts/${created.body.id}`).set(admin.auth);
    return body as { id: string; status: string; sessions: Session[] };
  }

  /** Lets time pass for a cohort: its sessions (and its creation) move `days` into the past. */
  async function age(cohortId: string, days: number): Promise<Session[]> {
    await app.db.query(
      `UPDATE cohort_sessions SET starts_at = starts_at - $2 * interval '1 day',
                                  ends_at = ends_at - $2 * interval '1 day'
       WHERE cohort_id = $1`,
      [cohortId, days],
    );
    await app.db.query(
      `UPDATE cohorts SET created_at = created_at - $2 * interval '1 day' WHERE id = $1`,
      [cohortId, days],
    );
    const { body } = await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth);
    return body.sessions as Session[];
  }

  const enroll = (cohortId: string, user: TestUser, requestCe = false) =>
    api()
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(admin.auth)
      .send({ userId: user.id, requestCe })
      .expect(201);

  const mark = (
    cohortId: string,
    sessionId: string,
    records: { userId: string; status: string }[],
  ) =>
    api()
      .put(`/api/v1/cohorts/${cohortId}/sessions/${sessionId}/attendance`)
      .set(admin.auth)
      .send({ records });

  const statusOf = async (cohortId: string) =>
    (await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth)).body.status as string;

  const completedAtOf = async (user: TestUser) =>
    (await api().get('/api/v1/me/enrollments').set(user.auth)).body.items[0].completedAt as
      string | null;

  it('should plan completion COMPLETION_GRACE_DAYS after the last session, keeping attendance open till then', async () => {
    expect(app.config.COMPLETION_GRACE_DAYS).toBe(7);
    const cohort = await newCohort(inDays(3));
    const last = cohort.sessions[cohort.sessions.length - 1]!;
    const due = Date.parse(last.endsAt) + 7 * DAY;
    const job = await app.queue(QueueName.Scheduling).getJob(`cohort-complete.${cohort.id}.${due}`);
    expect(job).toBeDefined();
    expect(job!.name).toBe(JobName.CompleteCohort);
    expect(Math.abs(job!.timestamp + job!.delay - due)).toBeLessThan(60_000);

    const trainee = await factories.newTrainee();
    await enroll(cohort.id, trainee);
    // The last session ended three days ago: attendance is still taken, the job (come early,
    // as after a moved session) does not complete the cohort.
    const sessions = await age(cohort.id, 3 + 2 * 7 + 3);
    for (const s of sessions) {
      await mark(cohort.id, s.id, [{ userId: trainee.id, status: 'present' }]).expect(200);
    }
    await app.runDelayed(QueueName.Scheduling);
    expect(await statusOf(cohort.id)).toBe('open');
    expect(await completedAtOf(trainee)).toBeNull();

    // A week and a day after the last session: completed by itself, nobody asking.
    await age(cohort.id, 5);
    const outcome = await app.get(CompletionService).complete({
      cohortId: cohort.id,
      requestedBy: null,
      dueAt: new Date(due).toISOString(),
    });
    expect(outcome).toMatchObject({ outcome: 'completed', completions: 1 });
    expect(await statusOf(cohort.id)).toBe('completed');
    const [audit] = await app.db.query<{ actor_id: string | null }>(
      `SELECT actor_id FROM audit_events WHERE action = 'cohort.completed' AND subject = $1`,
      [`cohort/${cohort.id}`],
    );
    expect(audit).toEqual({ actor_id: null });
    await mark(cohort.id, sessions[0]!.id, [{ userId: trainee.id, status: 'absent' }]).expect(409);
  });

  it('should complete by itself through the delayed job once the grace period is over', async () => {
    const cohort = await newCohort(inDays(2));
    const trainee = await factories.newTrainee();
    await enroll(cohort.id, trainee);
    const sessions = await age(cohort.id, 2 + 2 * 7 + 8);
    await mark(cohort.id, sessions[0]!.id, [{ userId: trainee.id, status: 'present' }]).expect(200);
    await mark(cohort.id, sessions[2]!.id, [{ userId: trainee.id, status: 'present' }]).expect(200);
    await app.runDelayed(QueueName.Scheduling);
    expect(await statusOf(cohort.id)).toBe('completed');
    expect(await completedAtOf(trainee)).toBe(sessions[2]!.endsAt);
  });

  it('should refuse completion before the first session has begun, and allow it once it has', async () => {
    const cohort = await newCohort(inDays(5));
    const early = await api()
      .post(`/api/v1/cohorts/${cohort.id}/complete`)
      .set(admin.auth)
      .expect(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.body.detail).toMatch(/before its first session has begun/);
    expect(early.body.firstSessionStartsAt).toBe(cohort.sessions[0]!.startsAt);
    await app.settle();
    expect(await statusOf(cohort.id)).toBe('open');
    const [{ n }] = (await app.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE job_name = $1 AND payload->>'cohortId' = $2`,
      [JobName.CompleteCohort, cohort.id],
    )) as [{ n: number }];
    expect(n).toBe(1); // only the one planned after the last session

    // The first session began an hour ago (the others are ahead): an admin may complete it now.
    await app.db.query(
      `UPDATE cohort_sessions SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour'
       WHERE cohort_id = $1 AND number = 1`,
      [cohort.id],
    );
    await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(admin.auth).expect(202);
    await app.settle();
    expect(await statusOf(cohort.id)).toBe('completed');
  });

  it('should leave the record of an earlier cohort for an admin to complete', async () => {
    const cohort = await newCohort('2025-03-04');
    const jobs = await app.queue(QueueName.Scheduling).getDelayed();
    expect(jobs.filter((j) => j.name === JobName.CompleteCohort)).toEqual([]);
    const byItself = await app.get(CompletionService).complete({
      cohortId: cohort.id,
      requestedBy: null,
      dueAt: new Date().toISOString(),
    });
    expect(byItself.outcome).toBe('awaiting_admin');
    expect(await statusOf(cohort.id)).toBe('open');
    await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(admin.auth).expect(202);
    await app.settle();
    expect(await statusOf(cohort.id)).toBe('completed');
  });

  it('should reopen for corrections and recompute completions: issued credits stay, newly eligible get theirs', async () => {
    const cohort = await newCohort('2025-03-04', true);
    const [s1, s2, s3] = cohort.sessions;
    const ana = await factories.newTrainee();
    const bo = await factories.newTrainee();
    await enroll(cohort.id, ana, true);
    await enroll(cohort.id, bo, true);
    await mark(cohort.id, s1!.id, [
      { userId: ana.id, status: 'present' },
      { userId: bo.id, status: 'present' },
    ]).expect(200);
    await mark(cohort.id, s2!.id, [
      { userId: ana.id, status: 'present' },
      { userId: bo.id, status: 'absent' },
    ]).expect(200);

    const reopenOpen = await api()
      .post(`/api/v1/cohorts/${cohort.id}/reopen`)
      .set(admin.auth)
      .expect(409);
    expect(reopenOpen.body.detail).toMatch(/Only a completed cohort/);
    await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(admin.auth).expect(202);
    await app.settle();
    const credits = () =>
      app.db.query<{ id: string; user_id: string }>(
        'SELECT id, user_id FROM ce_credits WHERE cohort_id = $1 ORDER BY issued_at',
        [cohort.id],
      );
    const first = await credits();
    expect(first.map((c) => c.user_id)).toEqual([ana.id]);
    expect(await completedAtOf(bo)).toBeNull();
    await mark(cohort.id, s3!.id, [{ userId: bo.id, status: 'present' }]).expect(409);

    const trainee = await factories.newTrainee();
    await api().post(`/api/v1/cohorts/${cohort.id}/reopen`).set(trainee.auth).expect(403);
    const reopened = await api()
      .post(`/api/v1/cohorts/${cohort.id}/reopen`)
      .set(admin.auth)
      .expect(200);
    expect(reopened.body).toEqual({ cohortId: cohort.id, status: 'open' });
    expect(await statusOf(cohort.id)).toBe('open');

    // The corrections: Bo was there on the third evening; Ana's second evening was a mistake.
    await mark(cohort.id, s3!.id, [{ userId: bo.id, status: 'present' }]).expect(200);
    await mark(cohort.id, s2!.id, [{ userId: ana.id, status: 'excused' }]).expect(200);

    // A reopened cohort waits for an admin: the automatic completion leaves it open.
    const byItself = await app.get(CompletionService).complete({
      cohortId: cohort.id,
      requestedBy: null,
      dueAt: new Date().toISOString(),
    });
    expect(byItself.outcome).toBe('awaiting_admin');

    await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(admin.auth).expect(202);
    await app.settle();
    expect(await statusOf(cohort.id)).toBe('completed');
    expect(await completedAtOf(bo)).toBe(s3!.endsAt);
    expect(await completedAtOf(ana)).toBeNull();
    const second = await credits();
    expect(second.map((c) => c.user_id)).toEqual([ana.id, bo.id]);
    expect(second[0]!.id).toBe(first[0]!.id);

    // Each admin request ran as a job of its own, never under a fixed id a failed run could block.
    const runs = (await app.queue(QueueName.Scheduling).getCompleted())
      .filter((j) => j.name === JobName.CompleteCohort && j.data.cohortId === cohort.id)
      .map((j) => j.id!);
    expect(new Set(runs).size).toBe(2);
    expect(runs).not.toContain(`cohort-complete.${cohort.id}.admin`);
    const actions = await app.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject = $1 AND action LIKE 'cohort.%' ORDER BY at, action`,
      [`cohort/${cohort.id}`],
    );
    expect(
      actions
        .map((a) => a.action)
        .filter((a) => !['cohort.created', 'cohort.sessions_generated'].includes(a)),
    ).toEqual([
      'cohort.completion_requested',
      'cohort.completed',
      'cohort.reopened',
      'cohort.completion_requested',
      'cohort.completed',
    ]);
  });
});
