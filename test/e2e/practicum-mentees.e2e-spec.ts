import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import {
  DAY,
  insertPracticum,
  insertRecording,
  insertTitledCohort,
} from './practicum-views.fixtures.js';

describe("a mentor's mentees and their ledger (e2e)", () => {
  let app: TestApp;
  let factories: Factories;
  let mentor: TestUser;
  let ana: TestUser;
  let ben: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    // A mentor who is also a trainee in a practicum of their own.
    mentor = await factories.newUser({
      roles: [Role.Mentor, Role.Trainee],
      displayName: 'Maya Mentor',
    });
    ana = await factories.newUser({ displayName: 'Ana Trainee' });
    ben = await factories.newUser({ displayName: 'Ben Trainee' });
  });
  afterAll(() => app.close());

  const log = (practicumId: string, body: object) =>
    request(app.server)
      .post(`/api/v1/practicums/${practicumId}/sessions`)
      .set(mentor.auth)
      .send(body)
      .expect(201);
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

  it('should list the mentees with names, status and the counts of ledger and recordings', async () => {
    const anas = await insertPracticum(app, ana.id, mentor.id);
    const bens = await insertPracticum(app, ben.id, mentor.id, 'closed');
    const seniorMentor = await factories.newUser({
      roles: [Role.Mentor],
      displayName: 'Sam Senior',
    });
    const own = await insertPracticum(app, mentor.id, seniorMentor.id);

    await log(anas, { kind: 'consultation', heldAt: ago(3), minutes: 90 });
    await log(anas, { kind: 'consultation', heldAt: ago(2), minutes: 60 });
    await log(anas, { kind: 'mentoring', heldAt: ago(1), minutes: 45 });
    const cohortId = await insertTitledCohort(app, { course: 'MSC', cohort: 'A' }, [
      { userId: ana.id, role: 'co_teacher' },
    ]);
    const base = { practicumId: anas, traineeId: ana.id, cohortId };
    await insertRecording(app, { ...base, status: 'reviewed', reviewerId: seniorMentor.id });
    await insertRecording(app, {
      ...base,
      status: 'reviewed',
      reviewerId: seniorMentor.id,
      outcome: 'needs_work',
    });
    await insertRecording(app, { ...base, reviewerId: seniorMentor.id });
    await insertRecording(app, { ...base, status: 'rejected' });

    const all = await request(app.server).get('/api/v1/me/practicums').set(mentor.auth).expect(200);
    expect(all.body.total).toBe(3);
    const mentees = await request(app.server)
      .get('/api/v1/me/practicums?role=mentor')
      .set(mentor.auth)
      .expect(200);
    expect(mentees.body.items.map((p: { id: string }) => p.id).sort()).toEqual([anas, bens].sort());
    const anasView = mentees.body.items.find((p: { id: string }) => p.id === anas);
    expect(anasView).toMatchObject({
      traineeId: ana.id,
      traineeName: 'Ana Trainee',
      mentorId: mentor.id,
      mentorName: 'Maya Mentor',
      status: 'active',
      role: 'mentor',
      consultationCount: 2,
      consultationMinutes: 150,
      mentoringCount: 1,
      mentoringMinutes: 45,
      recordingCount: 4,
      awaitingReviewCount: 1,
      competentRecordingCount: 1,
    });
    expect(Date.parse(anasView.lastSessionAt)).toBeGreaterThan(Date.now() - 1.1 * DAY);
    expect(mentees.body.items.find((p: { id: string }) => p.id === bens)).toMatchObject({
      status: 'closed',
      consultationCount: 0,
      mentoringCount: 0,
      recordingCount: 0,
      lastSessionAt: null,
    });

    const active = await request(app.server)
      .get('/api/v1/me/practicums?role=mentor&status=active')
      .set(mentor.auth)
      .expect(200);
    expect(active.body.items.map((p: { id: string }) => p.id)).toEqual([anas]);
    const mine = await request(app.server)
      .get('/api/v1/me/practicums?role=trainee')
      .set(mentor.auth)
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: own, role: 'trainee', mentorName: 'Sam Senior' }),
    ]);
    await request(app.server).get('/api/v1/me/practicums?role=admin').set(mentor.auth).expect(400);

    const one = await request(app.server)
      .get(`/api/v1/practicums/${anas}`)
      .set(ana.auth)
      .expect(200);
    expect(one.body).toMatchObject({ consultationCount: 2, mentoringCount: 1 });
  });

  it('should page through the ledger, newest first', async () => {
    const anas = await insertPracticum(app, ana.id, mentor.id);
    for (const [kind, days] of [
      ['consultation', 5],
      ['mentoring', 4],
      ['consultation', 3],
      ['mentoring', 2],
      ['consultation', 1],
    ] as const) {
      await log(anas, { kind, heldAt: ago(days), minutes: 60 });
    }
    const page1 = await request(app.server)
      .get(`/api/v1/practicums/${anas}/sessions?limit=2`)
      .set(mentor.auth)
      .expect(200);
    expect(page1.body.total).toBe(5);
    const held = (items: { heldAt: string }[]) => items.map((s) => Date.parse(s.heldAt));
    const page2 = await request(app.server)
      .get(`/api/v1/practicums/${anas}/sessions?limit=2&offset=2`)
      .set(ana.auth)
      .expect(200);
    const page3 = await request(app.server)
      .get(`/api/v1/practicums/${anas}/sessions?limit=2&offset=4`)
      .set(mentor.auth)
      .expect(200);
    const times = [...held(page1.body.items), ...held(page2.body.items), ...held(page3.body.items)];
    expect(times).toHaveLength(5);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(page3.body.items[0]).toMatchObject({ kind: 'consultation', minutes: 60 });
    await request(app.server).get(`/api/v1/practicums/${anas}/sessions`).set(ben.auth).expect(404);
  });
});
