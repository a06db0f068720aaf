import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import {
  DAY,
  insertPracticum,
  insertRecording,
  insertTitledCohort,
} from './practicum-views.fixtures.js';

describe("a mentor's review queue (e2e)", () => {
  let app: TestApp;
  let factories: Factories;
  let mentor: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  let cohortA: string;
  let cohortB: string;
  let practicumA: string;
  let practicumB: string;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    mentor = await factories.newUser({ roles: [Role.Mentor], displayName: 'Maya Mentor' });
    ana = await factories.newUser({ displayName: 'Ana Trainee' });
    ben = await factories.newUser({ displayName: 'Ben Trainee' });
    cohortA = await insertTitledCohort(app, { course: 'MSC 8 weeks', cohort: 'Spring A' }, [
      { userId: ana.id, role: 'co_teacher' },
    ]);
    cohortB = await insertTitledCohort(app, { course: 'MSC Intensive', cohort: 'Summer B' }, [
      { userId: ben.id, role: 'co_teacher' },
    ]);
    practicumA = await insertPracticum(app, ana.id, mentor.id);
    practicumB = await insertPracticum(app, ben.id, mentor.id);
  });
  afterAll(() => app.close());

  const queue = (who: TestUser, query = '') =>
    request(app.server).get(`/api/v1/me/reviews${query}`).set(who.auth);

  async function fill() {
    const soon = await insertRecording(app, {
      practicumId: practicumB,
      traineeId: ben.id,
      cohortId: cohortB,
      sessionNumber: 2,
      reviewerId: mentor.id,
      assignedDaysAgo: 7,
      dueInDays: 3,
    });
    const overdue = await insertRecording(app, {
      practicumId: practicumA,
      traineeId: ana.id,
      cohortId: cohortA,
      sessionNumber: 5,
      reviewerId: mentor.id,
      assignedDaysAgo: 11,
      dueInDays: -1,
    });
    const later = await insertRecording(app, {
      practicumId: practicumA,
      traineeId: ana.id,
      cohortId: cohortA,
      sessionNumber: 6,
      reviewerId: mentor.id,
      assignedDaysAgo: 2,
      dueInDays: 8,
    });
    const done = await insertRecording(app, {
      practicumId: practicumA,
      traineeId: ana.id,
      cohortId: cohortA,
      sessionNumber: 1,
      status: 'reviewed',
      reviewerId: mentor.id,
      outcome: 'needs_work',
    });
    const other = await factories.newMentor();
    await insertRecording(app, {
      practicumId: practicumA,
      traineeId: ana.id,
      cohortId: cohortA,
      sessionNumber: 7,
      reviewerId: other.id,
    });
    return { soon, overdue, later, done };
  }

  it('should list pending reviews with names resolved, overdue first, then by due date', async () => {
    const ids = await fill();
    const res = await queue(mentor, '?status=pending').expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((i: { recordingId: string }) => i.recordingId)).toEqual([
      ids.overdue,
      ids.soon,
      ids.later,
    ]);
    const [first, second] = res.body.items;
    expect(first).toMatchObject({
      recordingId: ids.overdue,
      id: ids.overdue,
      traineeId: ana.id,
      traineeName: 'Ana Trainee',
      courseTitle: 'MSC 8 weeks',
      cohortTitle: 'Spring A',
      cohortId: cohortA,
      sessionNumber: 5,
      status: 'awaiting_review',
      overdue: true,
      reviewerName: 'Maya Mentor',
      outcome: null,
    });
    // Session 5 of a weekly cohort starting 2026-01-05 18:00 UTC.
    expect(first.sessionStartsAt).toBe('2026-02-02T18:00:00.000Z');
    expect(new Date(first.dueAt).getTime()).toBeLessThan(Date.now());
    expect(new Date(first.assignedAt).getTime()).toBeLessThan(Date.now() - 10 * DAY);
    expect(second).toMatchObject({
      traineeName: 'Ben Trainee',
      courseTitle: 'MSC Intensive',
      cohortTitle: 'Summer B',
      sessionNumber: 2,
      overdue: false,
    });
    // The default is pending.
    expect((await queue(mentor).expect(200)).body.total).toBe(3);
  });

  it('should list done reviews with their outcome, and page through the queue', async () => {
    const ids = await fill();
    const done = await queue(mentor, '?status=done').expect(200);
    expect(done.body).toMatchObject({ total: 1 });
    expect(done.body.items).toEqual([
      expect.objectContaining({
        recordingId: ids.done,
        status: 'reviewed',
        outcome: 'needs_work',
        overdue: false,
        traineeName: 'Ana Trainee',
      }),
    ]);
    expect((await queue(mentor, '?status=completed').expect(200)).body.total).toBe(1);

    const page1 = await queue(mentor, '?limit=2').expect(200);
    expect(page1.body.items.map((i: { recordingId: string }) => i.recordingId)).toEqual([
      ids.overdue,
      ids.soon,
    ]);
    expect(page1.body.total).toBe(3);
    const page2 = await queue(mentor, '?limit=2&offset=2').expect(200);
    expect(page2.body.items.map((i: { recordingId: string }) => i.recordingId)).toEqual([
      ids.later,
    ]);
    const past = await queue(mentor, '?limit=2&offset=10').expect(200);
    expect(past.body).toEqual({ items: [], total: 3 });

    const bad = await queue(mentor, '?status=overdue').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await queue(mentor, '?limit=0').expect(400);
  });

  it('should count pending, overdue and done reviews for the navigation badge', async () => {
    const empty = await request(app.server)
      .get('/api/v1/me/reviews/count')
      .set(mentor.auth)
      .expect(200);
    expect(empty.body).toEqual({ pending: 0, overdue: 0, done: 0 });
    await fill();
    const counts = await request(app.server)
      .get('/api/v1/me/reviews/count')
      .set(mentor.auth)
      .expect(200);
    expect(counts.body).toEqual({ pending: 3, overdue: 1, done: 1 });
    await request(app.server).get('/api/v1/me/reviews/count').set(ana.auth).expect(403);
    await request(app.server).get('/api/v1/me/reviews').set(ana.auth).expect(403);
  });
});
