import { DateTime } from 'luxon';
import request from 'supertest';
import { BackgroundWorkReconciler } from '@msc/domain/maintenance';
import { QueueName } from '@msc/queue';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';
import { TestSmtpServer } from './emails.fixtures.js';

const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

describe('admins edit and cancel cohorts (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let smtpServer: TestSmtpServer;

  beforeAll(async () => {
    smtpServer = new TestSmtpServer();
    await smtpServer.start();
    app = await createTestApp({
      env: { RECONCILE_AFTER_SECONDS: '0', SMTP_URL: smtpServer.url },
    });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    smtpServer.mails.length = 0;
    admin = await factories.newAdmin();
  });
  afterAll(async () => {
    await app?.close();
    await smtpServer?.stop();
  });

  const api = () => request(app.server);

  async function newCohort(spec: { startDate?: string; capacity?: number } = {}) {
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
        ceAccreditor: 'Test accreditor',
      })
      .expect(201);
    const cohort = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title: 'Tuesday evenings',
        startDate: spec.startDate ?? inDays(14),
        localTime: '18:30',
        timeZone: 'Europe/Lisbon',
        capacity: spec.capacity ?? 2,
        ceEligible: true,
      })
      .expect(201);
    await app.settle();
    return cohort.body.id as string;
  }

  const enroll = (cohortId: string, trainee: TestUser) =>
    api().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(trainee.auth).send({});

  const notificationsOf = (userId: string, kind: string) =>
    app.db.query<{ title: string; body: string }>(
      'SELECT title, body FROM notifications WHERE user_id = $1 AND kind = $2',
      [userId, kind],
    );

  const auditOf = (cohortId: string, action: string) =>
    app.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      'SELECT actor_id, details FROM audit_events WHERE subject = $1 AND action = $2',
      [`cohort/${cohortId}`, action],
    );

  describe('PATCH /cohorts/:id', () => {
    it('should change the title, CE eligibility and capacity, and audit what changed', async () => {
      const cohortId = await newCohort();

      const res = await api()
        .patch(`/api/v1/cohorts/${cohortId}`)
        .set(admin.auth)
        .send({ title: '  Thursday mornings ', capacity: 5, ceEligible: false })
        .expect(200);

      expect(res.body).toMatchObject({
        id: cohortId,
        title: 'Thursday mornings',
        capacity: 5,
        ceEligible: false,
        status: 'open',
        cancelledAt: null,
        cancellationReason: null,
      });
      const [audit] = await auditOf(cohortId, 'cohort.updated');
      expect(audit!.actor_id).toBe(admin.id);
      expect(audit!.details).toEqual({
        changes: { title: 'Thursday mornings', capacity: 5, ceEligible: false },
        from: { title: 'Tuesday evenings', capacity: 2, ceEligible: true },
      });
    });

    it('should refuse a capacity below the enrolled count, and fill new seats from the waitlist', async () => {
      const cohortId = await newCohort({ capacity: 2 });
      const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => factories.newTrainee()));
      for (const t of [a!, b!, c!, d!]) await enroll(cohortId, t).expect(201);

      const refused = await api()
        .patch(`/api/v1/cohorts/${cohortId}`)
        .set(admin.auth)
        .send({ capacity: 1 });
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/2 people already enrolled/);
      expect(refused.body.enrolledCount).toBe(2);

      await api()
        .patch(`/api/v1/cohorts/${cohortId}`)
        .set(admin.auth)
        .send({ capacity: 3, title: 'Wednesday evenings' })
        .expect(200);
      await app.settle();

      const cohort = await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth).expect(200);
      expect(cohort.body).toMatchObject({ capacity: 3, enrolledCount: 3, waitlistCount: 1 });
      const roster = await api()
        .get(`/api/v1/cohorts/${cohortId}/enrollments`)
        .set(admin.auth)
        .expect(200);
      const status = Object.fromEntries(
        (roster.body.items as { userId: string; status: string }[]).map((i) => [
          i.userId,
          i.status,
        ]),
      );
      // First in, first out: c waited longest.
      expect(status).toEqual({
        [a!.id]: 'enrolled',
        [b!.id]: 'enrolled',
        [c!.id]: 'enrolled',
        [d!.id]: 'waitlisted',
      });
      // Renamed in the same change: the notice names the cohort as it now is.
      expect(await notificationsOf(c!.id, 'waitlist_promoted')).toEqual([
        expect.objectContaining({
          body: expect.stringMatching(/^A seat freed in Wednesday evenings/),
        }),
      ]);
    });

    it('should re-plan every session, its reminders and completion for a new start, and tell the enrolled', async () => {
      const cohortId = await newCohort();
      const trainee = await factories.newTrainee();
      await enroll(cohortId, trainee).expect(201);
      const before = await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth).expect(200);
      const scheduling = app.queue(QueueName.Scheduling);
      const delayedBefore = (await scheduling.getDelayed()).map((j) => j.id);
      expect(delayedBefore.length).toBeGreaterThan(0);

      const startDate = inDays(21);
      const res = await api()
        .patch(`/api/v1/cohorts/${cohortId}`)
        .set(admin.auth)
        .send({ startDate, localTime: '09:15', timeZone: 'America/New_York' })
        .expect(200);
      await app.settle();

      expect(res.body).toMatchObject({
        startDate,
        localTime: '09:15',
        timeZone: 'America/New_York',
      });
      const sessions = res.body.sessions as { id: string; startsAt: string; endsAt: string }[];
      expect(sessions.map((s) => s.id)).toEqual(
        (before.body.sessions as { id: string }[]).map((s) => s.id),
      );
      sessions.forEach((s, i) => {
        const local = DateTime.fromISO(s.startsAt, { zone: 'America/New_York' });
        expect(local.toFormat('yyyy-LL-dd HH:mm')).toBe(
          `${DateTime.fromISO(startDate).plus({ weeks: i }).toFormat('yyyy-LL-dd')} 09:15`,
        );
        expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(120 * 60_000);
      });
      const [seq] = await app.db.query<{ min: number }>(
        'SELECT min(sequence)::int AS min FROM cohort_sessions WHERE cohort_id = $1',
        [cohortId],
      );
      expect(seq!.min).toBeGreaterThan(0);
      // The old reminders and completion are gone; new ones wait for the new times.
      const delayedAfter = await scheduling.getDelayed();
      for (const id of delayedBefore) expect(delayedAfter.map((j) => j.id)).not.toContain(id);
      const reminders = delayedAfter.filter((j) => j.name === 'send-session-reminder');
      expect(reminders.map((j) => (j.data as { startsAt: string }).startsAt).sort()).toEqual(
        [...sessions, ...sessions].map((s) => s.startsAt).sort(),
      );
      const [told] = await notificationsOf(trainee.id, 'session_moved');
      expect(told!.title).toMatch(/new schedule/);
      expect(told!.body).toMatch(/09:15 \(America\/New_York\)/);
      expect(await auditOf(cohortId, 'cohort.updated')).toHaveLength(1);
    });

    it('should refuse a new start once the first session has begun, while other fields still change', async () => {
      const cohortId = await newCohort({ startDate: inDays(-1) });

      const refused = await api()
        .patch(`/api/v1/cohorts/${cohortId}`)
        .set(admin.auth)
        .send({ localTime: '10:00' });
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/only before the first session/);
      await api()
        .patch(`/api/v1/cohorts/${cohortId}`)
        .set(admin.auth)
        .send({ title: 'Renamed', localTime: '18:30' })
        .expect(200);
    });

    it('should refuse a completed cohort, bad input, and non-admins', async () => {
      const cohortId = await newCohort({ startDate: inDays(-30) });
      await api().post(`/api/v1/cohorts/${cohortId}/complete`).set(admin.auth).expect(202);
      await app.settle();
      const trainee = await factories.newTrainee();

      expectProblem(
        await api().patch(`/api/v1/cohorts/${cohortId}`).set(admin.auth).send({ title: 'X' }),
        409,
      );
      expectProblem(
        await api()
          .post(`/api/v1/cohorts/${cohortId}/cancel`)
          .set(admin.auth)
          .send({ reason: 'x' }),
        409,
      );
      const open = await newCohort();
      for (const body of [
        { capacity: 0 },
        { startDate: '2027-02-30' },
        { timeZone: 'Mars/Olympus' },
        { title: '' },
        { status: 'completed' },
      ]) {
        expectProblem(await api().patch(`/api/v1/cohorts/${open}`).set(admin.auth).send(body), 400);
      }
      expectProblem(
        await api().patch(`/api/v1/cohorts/${open}`).set(trainee.auth).send({ title: 'X' }),
        403,
      );
      expectProblem(
        await api()
          .patch('/api/v1/cohorts/00000000-0000-4000-8000-000000000000')
          .set(admin.auth)
          .send({ title: 'X' }),
        404,
      );
    });
  });

  describe('POST /cohorts/:id/cancel', () => {
    it('should cancel, tell the enrolled and the waitlisted, drop its jobs, and audit it', async () => {
      const cohortId = await newCohort({ capacity: 1 });
      const seated = await factories.newTrainee();
      const waiting = await factories.newTrainee();
      await enroll(cohortId, seated).expect(201);
      await enroll(cohortId, waiting).expect(201);
      await app.settle();

      const before = await api().get('/api/v1/me/progress').set(seated.auth).expect(200);
      expect(JSON.stringify(before.body)).toMatch(/Attend [^"]* of Tuesday evenings/);
      const res = await api()
        .post(`/api/v1/cohorts/${cohortId}/cancel`)
        .set(admin.auth)
        .send({ reason: 'The teacher is ill' })
        .expect(200);
      await app.settle();

      expect(res.body).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'The teacher is ill',
        cancelledAt: expect.stringMatching(/^\d{4}-/),
      });
      for (const [person, what] of [
        [seated, /seat is released/],
        [waiting, /waitlist/],
      ] as const) {
        const [told] = await notificationsOf(person.id, 'cohort_cancelled');
        expect(told!.title).toMatch(/Tuesday evenings\) is cancelled/);
        expect(told!.body).toMatch(what);
        expect(told!.body).toMatch(/Reason: The teacher is ill/);
      }
      const cancelMails = smtpServer.mails.filter((m) =>
        String(m.headers.subject).includes('is cancelled'),
      );
      expect(cancelMails.flatMap((m) => m.to).sort()).toEqual([seated.email, waiting.email].sort());
      expect(cancelMails[0]!.text).toContain('Reason: The teacher is ill');
      const delayed = await app.queue(QueueName.Scheduling).getDelayed();
      expect(delayed.filter((j) => JSON.stringify(j.data).includes(cohortId))).toEqual([]);
      const [audit] = await auditOf(cohortId, 'cohort.cancelled');
      expect(audit).toMatchObject({
        actor_id: admin.id,
        details: {
          reason: 'The teacher is ill',
          previousStatus: 'open',
          enrolledTold: 1,
          waitlistedTold: 1,
        },
      });
      // Its sessions leave the seated trainee's calendar feed; their pathway stops counting on it.
      const feedUrl = new URL(
        (await api().get('/api/v1/me/calendar-feed').set(seated.auth).expect(200)).body.url,
      );
      const feed = await api()
        .get(feedUrl.pathname + feedUrl.search)
        .expect(200);
      expect(feed.text).not.toContain('BEGIN:VEVENT');
      const progress = await api().get('/api/v1/me/progress').set(seated.auth).expect(200);
      expect(JSON.stringify(progress.body)).not.toMatch(/Attend [^"]* of Tuesday evenings/);
      const list = await api().get('/api/v1/cohorts?status=cancelled').set(admin.auth).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([cohortId]);
      // A calendar that imported the cohort's own file replaces its copies with cancelled ones.
      const ics = await api()
        .get(`/api/v1/cohorts/${cohortId}/calendar.ics`)
        .set(seated.auth)
        .expect(200);
      const events = ics.text.split('BEGIN:VEVENT').slice(1);
      expect(events).toHaveLength(3);
      for (const event of events) {
        expect(event).toContain('STATUS:CANCELLED');
        expect(event).toContain('SEQUENCE:1');
      }
    });

    it('should take nothing more once cancelled: no edit, enrollment, attendance, completion or CE', async () => {
      const cohortId = await newCohort({ startDate: inDays(-30) });
      const trainee = await factories.newTrainee();
      await api()
        .post(`/api/v1/cohorts/${cohortId}/enrollments`)
        .set(admin.auth)
        .send({ userId: trainee.id, requestCe: true, licenseNumber: 'L-1' })
        .expect(201);
      const cohort = await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth).expect(200);
      const session = cohort.body.sessions[0].id as string;
      await api()
        .put(`/api/v1/cohorts/${cohortId}/sessions/${session}/attendance`)
        .set(admin.auth)
        .send({ records: [{ userId: trainee.id, status: 'present' }] })
        .expect(200);
      await api()
        .post(`/api/v1/cohorts/${cohortId}/cancel`)
        .set(admin.auth)
        .send({ reason: 'Recorded by mistake' })
        .expect(200);
      const late = await factories.newTrainee();

      for (const res of [
        await api()
          .post(`/api/v1/cohorts/${cohortId}/cancel`)
          .set(admin.auth)
          .send({ reason: 'x' }),
        await api().patch(`/api/v1/cohorts/${cohortId}`).set(admin.auth).send({ capacity: 9 }),
        await api().post(`/api/v1/cohorts/${cohortId}/complete`).set(admin.auth),
        await api()
          .post(`/api/v1/cohorts/${cohortId}/enrollments`)
          .set(admin.auth)
          .send({ userId: late.id }),
        await api()
          .put(`/api/v1/cohorts/${cohortId}/sessions/${session}/attendance`)
          .set(admin.auth)
          .send({ records: [{ userId: trainee.id, status: 'absent' }] }),
      ]) {
        expectProblem(res, 409);
        expect(res.body.detail).toMatch(/cancelled/);
      }
      // Its last session ended weeks ago and it was not recorded afterwards: were it open, the
      // reconciler would complete it and issue its CE credit.
      await app.db.query(
        `UPDATE cohorts SET created_at = now() - interval '60 days' WHERE id = $1`,
        [cohortId],
      );
      await app.get(BackgroundWorkReconciler).reconcile();
      await app.settle();
      const [row] = await app.db.query<{ status: string; completed: number; credits: number }>(
        `SELECT c.status,
                (SELECT count(*)::int FROM enrollments e
                 WHERE e.cohort_id = c.id AND e.completed_at IS NOT NULL) AS completed,
                (SELECT count(*)::int FROM ce_credits cc JOIN enrollments e ON e.id = cc.enrollment_id
                 WHERE e.cohort_id = c.id) AS credits
         FROM cohorts c WHERE c.id = $1`,
        [cohortId],
      );
      expect(row).toEqual({ status: 'cancelled', completed: 0, credits: 0 });
    });

    it('should require a reason, an admin and an existing cohort', async () => {
      const cohortId = await newCohort();
      const trainee = await factories.newTrainee();

      for (const body of [{}, { reason: '' }, { reason: 'x', notify: false }]) {
        expectProblem(
          await api().post(`/api/v1/cohorts/${cohortId}/cancel`).set(admin.auth).send(body),
          400,
        );
      }
      expectProblem(
        await api()
          .post(`/api/v1/cohorts/${cohortId}/cancel`)
          .set(trainee.auth)
          .send({ reason: 'x' }),
        403,
      );
      expectProblem(
        await api()
          .post('/api/v1/cohorts/00000000-0000-4000-8000-000000000000/cancel')
          .set(admin.auth)
          .send({ reason: 'x' }),
        404,
      );
    });
  });
});
