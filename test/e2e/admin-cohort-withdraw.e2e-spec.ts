import { DateTime } from 'luxon';
import request from 'supertest';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

describe('admin withdraws a participant (e2e)', () => {
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

  async function smallCohort() {
    const course = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `MSC-${Math.random().toString(36).slice(2, 8)}`,
        title: 'Mindful Self-Compassion',
        format: 'msc_8_week',
        sessionCount: 8,
        sessionMinutes: 150,
        completionMinSessions: 6,
      })
      .expect(201);
    const cohort = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title: 'Two seats',
        startDate: inDays(14),
        localTime: '18:30',
        timeZone: 'Europe/Lisbon',
        capacity: 1,
        ceEligible: false,
      })
      .expect(201);
    await app.settle();
    return cohort.body.id as string;
  }

  it('should withdraw a participant, promote the first waitlisted one and audit it', async () => {
    const cohortId = await smallCohort();
    const seated = await factories.newTrainee();
    const waiting = await factories.newTrainee();
    for (const t of [seated, waiting])
      await api().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(t.auth).send({}).expect(201);

    await api()
      .delete(`/api/v1/cohorts/${cohortId}/enrollments/${seated.id}`)
      .set(admin.auth)
      .expect(204);
    await app.settle();

    const list = await api()
      .get(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(admin.auth)
      .expect(200);
    const status = Object.fromEntries(
      (list.body.items as { userId: string; status: string }[]).map((i) => [i.userId, i.status]),
    );
    expect(status).toEqual({ [seated.id]: 'withdrawn', [waiting.id]: 'enrolled' });
    const [audit] = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'enrollment.withdrawn_by_admin' AND actor_id = $1`,
      [admin.id],
    );
    expect(Number(audit!.n)).toBe(1);

    const again = await api()
      .delete(`/api/v1/cohorts/${cohortId}/enrollments/${seated.id}`)
      .set(admin.auth)
      .expect(404);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.detail).toMatch(/not enrolled/);
  });

  it('should refuse a trainee withdrawing someone else, and a malformed id', async () => {
    const cohortId = await smallCohort();
    const seated = await factories.newTrainee();
    const other = await factories.newTrainee();
    await api()
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(seated.auth)
      .send({})
      .expect(201);
    await api()
      .delete(`/api/v1/cohorts/${cohortId}/enrollments/${seated.id}`)
      .set(other.auth)
      .expect(403);
    await api()
      .delete(`/api/v1/cohorts/${cohortId}/enrollments/not-a-uuid`)
      .set(admin.auth)
      .expect(400);
    const [row] = await app.db.query<{ status: string }>(
      `SELECT status FROM enrollments WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, seated.id],
    );
    expect(row!.status).toBe('enrolled');
  });
});
