import { createHash } from 'node:crypto';
import request from 'supertest';
import { QueueName } from '@msc/queue';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { binary, elfExecutable, insertCohort, wav } from './practicum.fixtures.js';

const SCORES = {
  coverage_pacing: 'competent',
  relational_skills: 'proficient',
  embodiment: 'competent',
  guiding_practices: 'advanced',
  inquiry: 'competent',
  holding_the_group: 'competent',
};

describe('teaching recordings (e2e)', () => {
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
    mentor = await factories.newMentor();
    trainee = await factories.newTrainee();
    practicumId = (
      await request(app.server)
        .post('/api/v1/practicums')
        .set(admin.auth)
        .send({ traineeId: trainee.id, mentorId: mentor.id })
        .expect(201)
    ).body.id;
    cohortId = await insertCohort(app, {
      startsAt: new Date('2026-01-05T18:00:00Z'),
      status: 'open',
      teachers: [{ userId: trainee.id, role: 'co_teacher' }],
    });
  });
  afterAll(() => app.close());

  const upload = (
    file: Buffer,
    options: {
      filename?: string;
      contentType?: string;
      who?: TestUser;
      fields?: Record<string, string>;
    } = {},
  ) => {
    let req = request(app.server)
      .post(`/api/v1/practicums/${practicumId}/recordings`)
      .set((options.who ?? trainee).auth);
    for (const [name, value] of Object.entries(
      options.fields ?? { cohortId, sessionNumber: '3', consentConfirmed: 'true' },
    )) {
      req = req.field(name, value);
    }
    return req.attach('file', file, {
      filename: options.filename ?? 'session-3.wav',
      contentType: options.contentType ?? 'audio/wav',
    });
  };
  const recording = (id: string, who: TestUser) =>
    request(app.server).get(`/api/v1/recordings/${id}`).set(who.auth);
  const review = (id: string, who: TestUser, body: object) =>
    request(app.server).post(`/api/v1/recordings/${id}/reviews`).set(who.auth).send(body);

  it('should take a recording, probe it, assign the practicum mentor and schedule the deadlines', async () => {
    const file = wav(61);
    const accepted = await upload(file).expect(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'processing' });
    const id = accepted.body.id as string;

    await app.settle();
    const seen = await recording(id, trainee).expect(200);
    expect(seen.body).toMatchObject({
      id,
      status: 'awaiting_review',
      durationSeconds: 61,
      reviewerId: mentor.id,
      sha256: createHash('sha256').update(file).digest('hex'),
      size: file.length,
      mediaType: 'audio/wav',
      rejectionReason: null,
    });
    const dueAt = new Date(seen.body.reviewDueAt).getTime();
    expect(dueAt - new Date(seen.body.reviewAssignedAt).getTime()).toBe(10 * 86_400_000);

    const pending = await request(app.server)
      .get('/api/v1/me/reviews?status=pending')
      .set(mentor.auth)
      .expect(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({
        recordingId: id,
        traineeId: trainee.id,
        assignedAt: seen.body.reviewAssignedAt,
        dueAt: seen.body.reviewDueAt,
      }),
    ]);

    const delayed = await app.queue(QueueName.Recordings).getDelayed();
    expect(delayed.map((job) => job.id).sort()).toEqual(
      [`recording-escalation.${id}.${mentor.id}`, `recording-reminder.${id}.${mentor.id}`].sort(),
    );
    const delays = Object.fromEntries(delayed.map((job) => [job.name, job.delay]));
    expect(delays['recording-review-reminder']).toBeGreaterThan(4.9 * 86_400_000);
    expect(delays['recording-review-escalation']).toBeGreaterThan(9.9 * 86_400_000);
  });

  it('should serve the content whole and by byte range, only to those who may see it', async () => {
    const file = wav(61);
    const id = (await upload(file).expect(202)).body.id as string;
    await app.settle();

    const whole = await request(app.server)
      .get(`/api/v1/recordings/${id}/content`)
      .set(trainee.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect((whole.body as Buffer).equals(file)).toBe(true);

    const part = await request(app.server)
      .get(`/api/v1/recordings/${id}/content`)
      .set(mentor.auth)
      .set('Range', 'bytes=36-43')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(part.headers['content-range']).toBe(`bytes 36-43/${file.length}`);
    expect((part.body as Buffer).equals(file.subarray(36, 44))).toBe(true);
    const tail = await request(app.server)
      .get(`/api/v1/recordings/${id}/content`)
      .set(admin.auth)
      .set('Range', 'bytes=-4')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect((tail.body as Buffer).equals(file.subarray(file.length - 4))).toBe(true);

    const outside = await request(app.server)
      .get(`/api/v1/recordings/${id}/content`)
      .set(trainee.auth)
      .set('Range', `bytes=${file.length}-`)
      .expect(416);
    expect(outside.headers['content-range']).toBe(`bytes */${file.length}`);

    const otherMentor = await factories.newMentor();
    const otherTrainee = await factories.newTrainee();
    for (const who of [otherMentor, otherTrainee]) {
      await recording(id, who).expect(404);
      await request(app.server).get(`/api/v1/recordings/${id}/content`).set(who.auth).expect(404);
    }
  });

  it('should refuse what is not audio or video by its bytes, and store nothing', async () => {
    const exe = await upload(elfExecutable(), {
      filename: 'lesson.mp4',
      contentType: 'video/mp4',
    }).expect(415);
    expect(exe.headers['content-type']).toContain('application/problem+json');
    await upload(
      Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      {
        filename: 'lesson.mp4',
        contentType: 'video/mp4',
      },
    ).expect(415);
    const [{ n }] = await app.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM teaching_recordings',
    );
    expect(Number(n)).toBe(0);
  });

  it('should refuse missing consent, a cohort the trainee does not teach, and uploads by others', async () => {
    const file = wav(61);
    await upload(file, {
      fields: { cohortId, sessionNumber: '3', consentConfirmed: 'false' },
    }).expect(400);
    await upload(file, { fields: { cohortId, sessionNumber: '3' } }).expect(400);
    const foreign = await insertCohort(app, {
      startsAt: new Date('2026-01-05T18:00:00Z'),
      status: 'open',
    });
    const notTeaching = await upload(file, {
      fields: { cohortId: foreign, sessionNumber: '3', consentConfirmed: 'true' },
    }).expect(422);
    expect(notTeaching.body.code).toBe('practicum.not_teaching_cohort');
    await upload(file, {
      fields: { cohortId, sessionNumber: '9', consentConfirmed: 'true' },
    }).expect(422);
    await upload(file, { who: mentor }).expect(403);
    const stranger = await factories.newTrainee();
    await upload(file, { who: stranger }).expect(404);
    const [{ n }] = await app.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM teaching_recordings',
    );
    expect(Number(n)).toBe(0);
  });

  it('should reject a recording that is too short', async () => {
    const id = (await upload(wav(10)).expect(202)).body.id as string;
    await app.settle();
    const seen = await recording(id, trainee).expect(200);
    expect(seen.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'too_short',
      durationSeconds: 10,
      reviewerId: null,
    });
    const [note] = await app.db.query<{ kind: string }>(
      'SELECT kind FROM notifications WHERE user_id = $1 AND kind = $2',
      [trainee.id, 'recording.rejected'],
    );
    expect(note).toBeDefined();
  });

  it('should pick the least loaded eligible mentor when the practicum mentor co-teaches the cohort', async () => {
    const busy = await factories.newMentor();
    const free = await factories.newMentor();
    await factories.teachers(cohortId, [{ userId: mentor.id, role: 'lead' }]);
    // busy already owes a review.
    await factories.recording({
      practicumId,
      traineeId: trainee.id,
      cohortId,
      reviewerId: busy.id,
    });
    const id = (await upload(wav(61)).expect(202)).body.id as string;
    await app.settle();
    expect((await recording(id, admin).expect(200)).body.reviewerId).toBe(free.id);
    await recording(id, free).expect(200);
    await recording(id, mentor).expect(404);
  });

  it('should take the review of the assigned reviewer only, and drop the deadlines', async () => {
    const id = (await upload(wav(61)).expect(202)).body.id as string;
    await app.settle();
    const otherMentor = await factories.newMentor();
    const body = {
      scores: SCORES,
      comments: [
        { atSeconds: 0, text: 'Warm opening' },
        { atSeconds: 42.5, text: 'Slow the pace of the inquiry here' },
      ],
      summary: 'Competent teaching throughout.',
    };
    // A mentor who is not involved is told the recording does not exist (as GET answers).
    await review(id, otherMentor, body).expect(404);
    await review(id, trainee, body).expect(403);
    await review(id, mentor, { ...body, scores: { ...SCORES, inquiry: 'excellent' } }).expect(400);
    const { inquiry: _inquiry, ...missing } = SCORES;
    await review(id, mentor, { ...body, scores: missing }).expect(400);
    await review(id, mentor, {
      ...body,
      comments: [{ atSeconds: 61.5, text: 'after the end' }],
    }).expect(422);

    const done = await review(id, mentor, body).expect(201);
    expect(done.body).toEqual({ id: expect.any(String), outcome: 'competent' });
    await review(id, mentor, body).expect(409);

    const seen = await recording(id, trainee).expect(200);
    expect(seen.body.status).toBe('reviewed');
    expect(seen.body.review).toMatchObject({ outcome: 'competent', comments: body.comments });
    expect(await app.queue(QueueName.Recordings).getDelayed()).toEqual([]);
    const pending = await request(app.server)
      .get('/api/v1/me/reviews')
      .set(mentor.auth)
      .expect(200);
    expect(pending.body.items).toEqual([]);

    await app.settle();
    const notes = await app.db.query<{ kind: string }>(
      "SELECT kind FROM notifications WHERE user_id = $1 AND kind = 'recording.reviewed'",
      [trainee.id],
    );
    expect(notes).toHaveLength(1);
    const audited = await app.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'recording.reviewed' AND subject = $1",
      [`recording/${id}`],
    );
    expect(audited).toHaveLength(1);
  });

  it('should find needs_work when a domain is below competent', async () => {
    const id = (await upload(wav(61)).expect(202)).body.id as string;
    await app.settle();
    const done = await review(id, mentor, {
      scores: { ...SCORES, holding_the_group: 'advanced_beginner' },
      comments: [],
      summary: 'Hold the group more firmly.',
    }).expect(201);
    expect(done.body.outcome).toBe('needs_work');
  });

  it('should remind the reviewer and then tell the admins when a review is late', async () => {
    await upload(wav(61)).expect(202);
    await app.settle();
    await app.runDelayed(QueueName.Recordings);
    const reminded = await app.db.query(
      "SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'review.reminder'",
      [mentor.id],
    );
    expect(reminded).toHaveLength(1);
    const escalated = await app.db.query(
      "SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'review.escalated'",
      [admin.id],
    );
    expect(escalated).toHaveLength(1);
  });
});
