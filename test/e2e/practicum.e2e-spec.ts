import request from 'supertest';
import { EvaluatorRegistry, RequirementKind } from '@msc/domain/pathway';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { insertCohort } from './practicum.fixtures.js';

const DAY = 86_400_000;
const day = (iso: string) => new Date(`${iso}T18:00:00.000Z`);

describe('practicum (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let mentor: TestUser;
  let trainee: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    mentor = await factories.newMentor();
    trainee = await factories.newTrainee();
  });
  afterAll(() => app.close());

  const createPracticum = (body: object, who: TestUser = admin) =>
    request(app.server).post('/api/v1/practicums').set(who.auth).send(body);

  describe('practicums', () => {
    it('should let an admin start a practicum that its trainee and mentor see', async () => {
      const created = await createPracticum({ traineeId: trainee.id, mentorId: mentor.id }).expect(
        201,
      );
      expect(created.body).toMatchObject({
        id: expect.any(String),
        traineeId: trainee.id,
        mentorId: mentor.id,
        status: 'active',
      });
      const id = created.body.id as string;
      await request(app.server).get(`/api/v1/practicums/${id}`).set(trainee.auth).expect(200);
      await request(app.server).get(`/api/v1/practicums/${id}`).set(mentor.auth).expect(200);
      const other = await factories.newMentor();
      await request(app.server).get(`/api/v1/practicums/${id}`).set(other.auth).expect(404);

      const mine = await request(app.server)
        .get('/api/v1/me/practicums')
        .set(mentor.auth)
        .expect(200);
      expect(mine.body.items).toEqual([expect.objectContaining({ id, role: 'mentor' })]);
      const theirs = await request(app.server)
        .get('/api/v1/me/practicums')
        .set(trainee.auth)
        .expect(200);
      expect(theirs.body.items).toEqual([expect.objectContaining({ id, role: 'trainee' })]);

      await app.settle();
      const notified = await app.db.query<{ user_id: string }>(
        "SELECT user_id FROM notifications WHERE kind = 'practicum.created' ORDER BY user_id",
      );
      expect(notified.map((n) => n.user_id).sort()).toEqual([trainee.id, mentor.id].sort());
    });

    it('should refuse a mentor without the mentor role, a non-trainee, and a second active practicum', async () => {
      const notMentor = await factories.newTrainee();
      const r1 = await createPracticum({ traineeId: trainee.id, mentorId: notMentor.id }).expect(
        422,
      );
      expect(r1.body.code).toBe('practicum.not_a_mentor');
      const r2 = await createPracticum({ traineeId: mentor.id, mentorId: mentor.id }).expect(422);
      expect(r2.body.code).toBe('practicum.same_person');
      const otherMentor = await factories.newMentor();
      const r3 = await createPracticum({ traineeId: otherMentor.id, mentorId: mentor.id }).expect(
        422,
      );
      expect(r3.body.code).toBe('practicum.not_a_trainee');

      const first = await createPracticum({ traineeId: trainee.id, mentorId: mentor.id }).expect(
        201,
      );
      const again = await createPracticum({
        traineeId: trainee.id,
        mentorId: otherMentor.id,
      }).expect(409);
      expect(again.body.code).toBe('practicum.active_practicum_exists');
      await createPracticum({ traineeId: trainee.id, mentorId: mentor.id }, mentor).expect(403);
      await createPracticum({ traineeId: trainee.id }).expect(400);

      await request(app.server)
        .post(`/api/v1/practicums/${first.body.id}/close`)
        .set(admin.auth)
        .expect(200);
      await createPracticum({ traineeId: trainee.id, mentorId: otherMentor.id }).expect(201);
    });
  });

  describe('sessions', () => {
    let practicumId: string;
    beforeEach(async () => {
      practicumId = (
        await createPracticum({ traineeId: trainee.id, mentorId: mentor.id }).expect(201)
      ).body.id;
    });
    const log = (who: TestUser, body: object) =>
      request(app.server)
        .post(`/api/v1/practicums/${practicumId}/sessions`)
        .set(who.auth)
        .send(body);

    it('should let the mentor and an admin log sessions, and list them', async () => {
      const heldAt = new Date(Date.now() - DAY).toISOString();
      const logged = await log(mentor, { kind: 'consultation', heldAt, minutes: 90 }).expect(201);
      expect(logged.body).toMatchObject({ kind: 'consultation', heldAt, minutes: 90, practicumId });
      await log(admin, {
        kind: 'mentoring',
        heldAt: new Date(Date.now() - 2 * DAY).toISOString(),
        minutes: 60,
      }).expect(201);
      const dup = await log(mentor, { kind: 'consultation', heldAt, minutes: 90 }).expect(409);
      expect(dup.body.code).toBe('practicum.session_already_logged');

      const list = await request(app.server)
        .get(`/api/v1/practicums/${practicumId}/sessions`)
        .set(trainee.auth)
        .expect(200);
      expect(list.body.items.map((s: { kind: string }) => s.kind)).toEqual([
        'consultation',
        'mentoring',
      ]);
      const consultations = await request(app.server)
        .get(`/api/v1/practicums/${practicumId}/sessions?kind=consultation`)
        .set(mentor.auth)
        .expect(200);
      expect(consultations.body.total).toBe(1);
    });

    it('should refuse sessions in the future, out of range, of a wrong kind, or by others', async () => {
      const past = new Date(Date.now() - DAY).toISOString();
      const future = await log(mentor, {
        kind: 'consultation',
        heldAt: new Date(Date.now() + DAY).toISOString(),
        minutes: 60,
      }).expect(422);
      expect(future.body.code).toBe('practicum.session_in_future');
      await log(mentor, { kind: 'consultation', heldAt: past, minutes: 14 }).expect(400);
      await log(mentor, { kind: 'consultation', heldAt: past, minutes: 481 }).expect(400);
      await log(mentor, { kind: 'supervision', heldAt: past, minutes: 60 }).expect(400);
      await log(mentor, { kind: 'consultation', heldAt: 'yesterday', minutes: 60 }).expect(400);
      await log(trainee, { kind: 'consultation', heldAt: past, minutes: 60 }).expect(403);
      const otherMentor = await factories.newMentor();
      await log(otherMentor, { kind: 'consultation', heldAt: past, minutes: 60 }).expect(404);
      const [{ n }] = await app.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM practicum_sessions',
      );
      expect(Number(n)).toBe(0);
    });
  });

  describe('evaluators', () => {
    const evaluate = async (
      kind: RequirementKind,
      key: string,
      params: Record<string, unknown>,
    ) => {
      const results = await factories.judge(trainee.id, [{ key, kind, title: key, params }]);
      return results.get(key)!;
    };
    const taught = { minParticipants: 8, formats: ['msc_8_week'], roles: ['lead', 'co_teacher'] };

    it('should count completed courses taught with enough enrolled participants', async () => {
      const teachers = [{ userId: trainee.id, role: 'co_teacher' as const }];
      await insertCohort(app, {
        startsAt: day('2025-01-06'),
        enrolled: 8,
        notCounted: 4,
        teachers,
      });
      await insertCohort(app, {
        startsAt: day('2025-02-03'),
        enrolled: 7,
        notCounted: 5,
        teachers,
      });
      await insertCohort(app, {
        startsAt: day('2025-03-03'),
        enrolled: 9,
        status: 'open',
        teachers,
      });
      await insertCohort(app, {
        startsAt: day('2025-04-07'),
        enrolled: 12,
        format: 'msc_intensive',
        teachers,
      });
      await insertCohort(app, { startsAt: day('2025-05-05'), enrolled: 12 });

      const result = await evaluate(RequirementKind.CoursesTaught, 'practicum.co_taught', {
        count: 1,
        ...taught,
      });
      expect(result).toMatchObject({ met: true, have: 1, need: 1 });
      expect(result.metAt).toEqual(new Date(day('2025-01-06').getTime() + 49 * DAY + 150 * 60_000));
      expect(
        await evaluate(RequirementKind.CoursesTaught, 'x.two', { count: 2, ...taught }),
      ).toMatchObject({ met: false, have: 1, need: 2 });
    });

    it('should need non-overlapping courses when consecutive, picking the best chain', async () => {
      const teachers = [{ userId: trainee.id, role: 'lead' as const }];
      // A: Jan 6 – Feb 24, B: Feb 3 – Mar 24 (overlaps A), C: Mar 3 – Apr 21 (overlaps B, not A).
      await insertCohort(app, { startsAt: day('2025-01-06'), enrolled: 8, teachers });
      await insertCohort(app, { startsAt: day('2025-02-03'), enrolled: 8, teachers });
      const params = { count: 2, consecutive: true, ...taught };
      expect(await evaluate(RequirementKind.CoursesTaught, 'c.taught', params)).toMatchObject({
        met: false,
        have: 1,
      });
      expect(
        await evaluate(RequirementKind.CoursesTaught, 'c.taught', {
          ...params,
          consecutive: false,
        }),
      ).toMatchObject({ met: true, have: 2 });

      await insertCohort(app, { startsAt: day('2025-03-03'), enrolled: 8, teachers });
      const chained = await evaluate(RequirementKind.CoursesTaught, 'c.taught', params);
      expect(chained).toMatchObject({ met: true, have: 2, need: 2 });
      expect(chained.metAt).toEqual(
        new Date(day('2025-03-03').getTime() + 49 * DAY + 150 * 60_000),
      );
    });

    it('should count sessions of a kind, and only those held during the co-taught course', async () => {
      const practicum = await createPracticum({
        traineeId: trainee.id,
        mentorId: mentor.id,
      }).expect(201);
      await insertCohort(app, {
        startsAt: day('2025-01-06'),
        enrolled: 8,
        teachers: [{ userId: trainee.id, role: 'co_teacher' }],
      });
      // Pins the trainee to the default pathway, whose practicum.co_taught the `during` names.
      await request(app.server)
        .get(`/api/v1/trainees/${trainee.id}/progress`)
        .set(mentor.auth)
        .expect(200);
      for (const [kind, heldAt] of [
        ['consultation', '2024-12-20'],
        ['consultation', '2025-01-13'],
        ['consultation', '2025-02-10'],
        ['mentoring', '2025-01-20'],
      ]) {
        await request(app.server)
          .post(`/api/v1/practicums/${practicum.body.id}/sessions`)
          .set(mentor.auth)
          .send({ kind, heldAt: day(heldAt!).toISOString(), minutes: 60 })
          .expect(201);
      }
      const all = await evaluate(RequirementKind.SessionsLogged, 's.all', {
        sessionKind: 'consultation',
        count: 3,
      });
      expect(all).toMatchObject({ met: true, have: 3 });
      expect(all.metAt).toEqual(day('2025-02-10'));
      const during = await evaluate(RequirementKind.SessionsLogged, 's.during', {
        sessionKind: 'consultation',
        count: 3,
        during: 'practicum.co_taught',
      });
      expect(during).toMatchObject({ met: false, have: 2, need: 3 });
      expect(
        await evaluate(RequirementKind.SessionsLogged, 's.mentoring', {
          sessionKind: 'mentoring',
          count: 1,
        }),
      ).toMatchObject({ met: true, have: 1 });
    });

    it('should count recordings whose latest review reaches the level in every domain', async () => {
      const practicum = await createPracticum({
        traineeId: trainee.id,
        mentorId: mentor.id,
      }).expect(201);
      const cohortId = await insertCohort(app, {
        startsAt: day('2025-01-06'),
        teachers: [{ userId: trainee.id, role: 'co_teacher' }],
      });
      const levels = (level: string, inquiry = level) =>
        JSON.stringify({
          coverage_pacing: level,
          relational_skills: level,
          embodiment: level,
          guiding_practices: level,
          inquiry,
          holding_the_group: level,
        });
      // [status, reviews oldest first]
      const cases: [string, string[]][] = [
        ['reviewed', [levels('competent')]],
        ['reviewed', [levels('advanced', 'beginner')]],
        ['reviewed', [levels('beginner'), levels('proficient')]],
        ['reviewed', [levels('proficient'), levels('advanced_beginner')]],
        ['awaiting_review', []],
      ];
      for (const [status, reviews] of cases) {
        const [recording] = await app.db.query<{ id: string }>(
          `INSERT INTO teaching_recordings (practicum_id, trainee_id, cohort_id, session_number, status,
             storage_key, media_type, size_bytes, sha256, consent_confirmed_at, reviewer_id)
           VALUES ($1, $2, $3, 1, $4, 'recordings/' || gen_random_uuid(), 'audio/wav', 100, repeat('a', 64), now(), $5)
           RETURNING id`,
          [practicum.body.id, trainee.id, cohortId, status, mentor.id],
        );
        for (const [i, scores] of reviews.entries()) {
          await app.db.query(
            `INSERT INTO mentor_reviews (recording_id, reviewer_id, scores, outcome, summary, created_at)
             VALUES ($1, $2, $3::jsonb, 'competent', 'ok', now() - ($4 || ' hours')::interval)`,
            [recording!.id, mentor.id, scores, String(10 - i)],
          );
        }
      }
      expect(
        await evaluate(RequirementKind.RecordingsApproved, 'r.competent', {
          count: 4,
          minLevel: 'competent',
        }),
      ).toMatchObject({ met: false, have: 2, need: 4 });
      expect(
        await evaluate(RequirementKind.RecordingsApproved, 'r.beginner', {
          count: 3,
          minLevel: 'beginner',
        }),
      ).toMatchObject({ met: true, have: 4 });
    });

    it('should check the params an admin publishes', () => {
      const registry = app.get(EvaluatorRegistry);
      expect(
        registry.get(RequirementKind.CoursesTaught)!.validateParams!({
          count: 0,
          formats: [],
          roles: ['x'],
        }),
      ).toHaveLength(4);
      expect(
        registry.get(RequirementKind.SessionsLogged)!.validateParams!({
          sessionKind: 'consultation',
          count: 10,
        }),
      ).toEqual([]);
      expect(
        registry.get(RequirementKind.RecordingsApproved)!.validateParams!({
          count: 4,
          minLevel: 'great',
        }),
      ).toEqual([
        'minLevel must be one of incompetent, beginner, advanced_beginner, competent, proficient, advanced',
      ]);
    });
  });

  it("should let a trainee's practicum mentor see their progress, and no other mentor", async () => {
    await createPracticum({ traineeId: trainee.id, mentorId: mentor.id }).expect(201);
    await request(app.server)
      .get(`/api/v1/trainees/${trainee.id}/progress`)
      .set(mentor.auth)
      .expect(200);
    const other = await factories.newUser({ roles: [Role.Mentor] });
    const refused = await request(app.server)
      .get(`/api/v1/trainees/${trainee.id}/progress`)
      .set(other.auth);
    expect([403, 404]).toContain(refused.status);
  });
});
