import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { wav } from './practicum.fixtures.js';
import {
  insertPracticum,
  insertRecording,
  insertTitledCohort,
  SCORES,
} from './practicum-views.fixtures.js';

describe('recording detail, the rubric and my recordings (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let mentor: TestUser;
  let trainee: TestUser;
  let practicumId: string;
  let cohortId: string;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    mentor = await factories.newUser({ roles: [Role.Mentor], displayName: 'Maya Mentor' });
    trainee = await factories.newUser({ displayName: 'Tara Trainee' });
    practicumId = await insertPracticum(app, trainee.id, mentor.id);
    cohortId = await insertTitledCohort(app, { course: 'MSC 8 weeks', cohort: 'Spring A' }, [
      { userId: trainee.id, role: 'co_teacher' },
    ]);
  });
  afterAll(() => app.close());

  const upload = (file: Buffer, sessionNumber = '3') =>
    request(app.server)
      .post(`/api/v1/practicums/${practicumId}/recordings`)
      .set(trainee.auth)
      .field('cohortId', cohortId)
      .field('sessionNumber', sessionNumber)
      .field('consentConfirmed', 'true')
      .attach('file', file, { filename: 'session-3.wav', contentType: 'audio/wav' });
  const recording = (id: string, who: TestUser) =>
    request(app.server).get(`/api/v1/recordings/${id}`).set(who.auth);

  it('should give the reviewer and the owner names, session and, once reviewed, the review', async () => {
    const id = (await upload(wav(61)).expect(202)).body.id as string;
    await app.settle();
    const before = await recording(id, mentor).expect(200);
    expect(before.body).toMatchObject({
      id,
      status: 'awaiting_review',
      durationSeconds: 61,
      reviewerId: mentor.id,
      traineeId: trainee.id,
      traineeName: 'Tara Trainee',
      cohortId,
      cohortTitle: 'Spring A',
      courseTitle: 'MSC 8 weeks',
      courseId: expect.any(String),
      sessionNumber: 3,
      sessionStartsAt: '2026-01-19T18:00:00.000Z',
      contentType: 'audio/wav',
      mediaType: 'audio/wav',
      filename: 'session-3.wav',
      reviewerName: 'Maya Mentor',
      overdue: false,
      review: null,
    });
    expect(Date.parse(before.body.createdAt)).toBeLessThanOrEqual(Date.now());

    await request(app.server)
      .post(`/api/v1/recordings/${id}/reviews`)
      .set(mentor.auth)
      .send({
        scores: SCORES,
        comments: [
          { atSeconds: 40, text: 'Slow the inquiry' },
          { atSeconds: 2.5, text: 'Warm opening' },
          { atSeconds: 40, text: 'And pause here' },
        ],
        summary: 'Competent teaching.',
      })
      .expect(201);
    for (const who of [trainee, mentor, admin]) {
      const after = await recording(id, who).expect(200);
      expect(after.body.status).toBe('reviewed');
      expect(after.body.review).toMatchObject({
        outcome: 'competent',
        scores: SCORES,
        summary: 'Competent teaching.',
        reviewerId: mentor.id,
        reviewerName: 'Maya Mentor',
        comments: [
          { atSeconds: 2.5, text: 'Warm opening' },
          { atSeconds: 40, text: 'Slow the inquiry' },
          { atSeconds: 40, text: 'And pause here' },
        ],
      });
    }
  });

  it('should describe the rubric from the configuration', async () => {
    const res = await request(app.server)
      .get('/api/v1/practicum/rubric')
      .set(trainee.auth)
      .expect(200);
    expect(res.body.domains.map((d: { key: string }) => d.key)).toEqual(Object.keys(SCORES));
    expect(res.body.domains.map((d: { title: string }) => d.title)).toEqual([
      'Coverage and pacing',
      'Relational skills',
      'Embodiment',
      'Guiding practices',
      'Inquiry',
      'Holding the group',
    ]);
    expect(res.body.levels.map((l: { key: string }) => l.key)).toEqual([
      'incompetent',
      'beginner',
      'advanced_beginner',
      'competent',
      'proficient',
      'advanced',
    ]);
    expect(res.body.levels[3]).toMatchObject({
      key: 'competent',
      title: 'Competent',
      rank: 3,
      competent: true,
      description: expect.any(String),
    });
    expect(res.body.levels[2].competent).toBe(false);
    expect(res.body).toMatchObject({
      competentLevel: 'competent',
      reviewDueDays: 10,
      minRecordingSeconds: 60,
    });
    await request(app.server).get('/api/v1/practicum/rubric').expect(401);
  });

  it("should list the trainee's own recordings, newest first, with status and outcome", async () => {
    const reviewed = await insertRecording(app, {
      practicumId,
      traineeId: trainee.id,
      cohortId,
      sessionNumber: 1,
      status: 'reviewed',
      reviewerId: mentor.id,
      outcome: 'competent',
      createdMinutesAgo: 30,
    });
    const rejected = await insertRecording(app, {
      practicumId,
      traineeId: trainee.id,
      cohortId,
      sessionNumber: 2,
      status: 'rejected',
      createdMinutesAgo: 20,
    });
    const awaiting = await insertRecording(app, {
      practicumId,
      traineeId: trainee.id,
      cohortId,
      sessionNumber: 3,
      reviewerId: mentor.id,
      createdMinutesAgo: 10,
    });
    const other = await factories.newTrainee();
    const otherPracticum = await insertPracticum(app, other.id, mentor.id);
    await insertRecording(app, {
      practicumId: otherPracticum,
      traineeId: other.id,
      cohortId,
      reviewerId: mentor.id,
    });

    const mine = await request(app.server)
      .get('/api/v1/me/recordings')
      .set(trainee.auth)
      .expect(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([
      awaiting,
      rejected,
      reviewed,
    ]);
    expect(mine.body.items[0]).toMatchObject({
      status: 'awaiting_review',
      outcome: null,
      reviewerName: 'Maya Mentor',
      traineeName: 'Tara Trainee',
      courseTitle: 'MSC 8 weeks',
      cohortTitle: 'Spring A',
      sessionNumber: 3,
      contentType: 'audio/wav',
    });
    expect(mine.body.items[1]).toMatchObject({ status: 'rejected', rejectionReason: 'too_short' });
    expect(mine.body.items[2]).toMatchObject({ status: 'reviewed', outcome: 'competent' });

    const onlyReviewed = await request(app.server)
      .get('/api/v1/me/recordings?status=reviewed')
      .set(trainee.auth)
      .expect(200);
    expect(onlyReviewed.body.items.map((r: { id: string }) => r.id)).toEqual([reviewed]);
    const ofPracticum = await request(app.server)
      .get(`/api/v1/me/recordings?practicumId=${otherPracticum}`)
      .set(trainee.auth)
      .expect(200);
    expect(ofPracticum.body).toEqual({ items: [], total: 0 });
    await request(app.server)
      .get('/api/v1/me/recordings?status=lost')
      .set(trainee.auth)
      .expect(400);
    await request(app.server).get('/api/v1/me/recordings').set(mentor.auth).expect(403);
  });
});
