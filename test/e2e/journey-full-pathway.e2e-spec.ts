import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';
import {
  type CohortView,
  JourneyApi,
  localDate,
  type Member,
  requirementOf,
  stageOf,
  statusesOf,
  status,
  STEP_TIMEOUT,
  text,
  walkToApprovedApplication,
} from './journey.helpers.js';
import { wav } from './practicum.fixtures.js';

const DAY = 86_400_000;
const ZONE = 'America/New_York';
const keysOf = (body: { unmet: { key: string }[] }) => body.unmet.map((u) => u.key);

const COMPETENT_ON_EVERY_DOMAIN = {
  coverage_pacing: 'competent',
  relational_skills: 'proficient',
  embodiment: 'competent',
  guiding_practices: 'competent',
  inquiry: 'competent',
  holding_the_group: 'advanced',
};

/**
 * One trainee from sign-up to Certified MSC Teacher, over the HTTP API. Every cohort is a record
 * of the past (admins record what happened before the platform), laid out on one timeline:
 *
 *   MSC course ~8 months ago -> teacher training (6 days, ~185 days ago) -> practicum cohort
 *   (10 weeks from ~175 days ago) while co-teaching an 8-week course (~168 to ~119 days ago) ->
 *   two consecutive 8-week courses taught (~105 to ~56 and ~52 to ~3 days ago).
 *
 * The steps build on each other and run in order (one app, no reset between them).
 */
describe('journey: the whole pathway to Certified MSC Teacher (e2e)', () => {
  let app: TestApp;
  let api: JourneyApi;
  let mentor: TestUser;
  let trainee: Member;
  let mscCourseId: string;
  let participants: string[];
  let practicumId: string;
  let coTaught: CohortView;
  const taught: CohortView[] = [];
  let certifiedCredentialId: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.reset();
    const factories = new Factories(app);
    // The first admin: no API creates one (it comes from ADMIN_EMAIL at start).
    api = new JourneyApi(app, await factories.newAdmin());
    // An older, equally idle mentor: the reviewer must still be the practicum's own mentor.
    await factories.newMentor();
    mentor = await factories.newMentor();
  }, STEP_TIMEOUT);
  afterAll(() => app.close());

  const progress = () => api.progress(trainee);

  /** A past cohort of an 8-week MSC course with the participants enrolled, completed. */
  async function pastMscCourse(
    title: string,
    daysAgo: number,
    teachers: { userId: string; role: 'lead' | 'co_teacher' }[],
  ): Promise<CohortView> {
    const cohort = await api.createCohort({
      courseId: mscCourseId,
      title,
      startDate: localDate(ZONE, daysAgo),
      timeZone: ZONE,
      sessions: 8,
    });
    for (const teacher of teachers) await api.addTeacher(cohort.id, teacher.userId, teacher.role);
    for (const userId of participants) await api.enroll(cohort.id, userId);
    await api.complete(cohort.id);
    return cohort;
  }

  const logSession = (kind: 'consultation' | 'mentoring', heldAt: Date, minutes = 60) =>
    api.http
      .post(`/api/v1/practicums/${practicumId}/sessions`)
      .set(mentor.auth)
      .send({ kind, heldAt: heldAt.toISOString(), minutes })
      .expect(status(201));

  const upload = (cohortId: string, sessionNumber: number) =>
    api.http
      .post(`/api/v1/practicums/${practicumId}/recordings`)
      .set(trainee.auth)
      .field('cohortId', cohortId)
      .field('sessionNumber', String(sessionNumber))
      .field('consentConfirmed', 'true')
      .attach('file', wav(61 + sessionNumber), {
        filename: `session-${sessionNumber}.wav`,
        contentType: 'audio/wav',
      })
      .expect(status(202));

  it(
    'should walk stages 1 to 3 up to an approved teacher-training application',
    async () => {
      trainee = await api.register({ displayName: 'Maya Lindqvist', timeZone: 'Europe/Stockholm' });
      ({ mscCourseId } = await walkToApprovedApplication(api, trainee));
      participants = await api.createTrainees(8);
    },
    STEP_TIMEOUT,
  );

  it(
    'should complete teacher training and open the practicum stage',
    async () => {
      const training = await api.createCourse({
        format: 'teacher_training',
        sessionCount: 6,
        completionMinSessions: 6,
        sessionMinutes: 420,
        title: 'MSC Teacher Training (6-day residential)',
      });
      await api.takeCourse(trainee, {
        courseId: training,
        title: 'Teacher training, spring retreat',
        startDate: localDate(ZONE, 185),
        sessions: 6,
        cadence: 'daily',
      });

      const now = await progress();
      expect(now.currentStage).toBe('practicum');
      expect(statusesOf(now)).toMatchObject({
        teacher_training: 'completed',
        practicum: 'in_progress',
        certification: 'locked',
      });
      expect(requirementOf(now, 'teacher_training.completed')).toMatchObject({
        met: true,
        have: 6,
        need: 6,
      });
      for (const key of [
        'practicum.completed',
        'practicum.co_taught',
        'practicum.consultations',
        'practicum.designation',
      ]) {
        expect(requirementOf(now, key).met).toBe(false);
      }
      expect(requirementOf(now, 'practicum.co_taught')).toMatchObject({ have: 0, need: 1 });
      expect(requirementOf(now, 'practicum.consultations')).toMatchObject({ have: 0, need: 10 });
      expect(now.nextSteps).toEqual([
        expect.stringMatching(/Teacher Training Practicum/),
        expect.stringMatching(/^Teach 1 more course .*at least 8 participants/),
        expect.stringMatching(/^Co-teach a qualifying course; consultation sessions count/),
        'Request the Trained MSC Teacher designation once the other requirements are met',
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    'should complete the practicum cohort and a co-taught course with 8 participants',
    async () => {
      const practicumCourse = await api.createCourse({
        format: 'teacher_training_practicum',
        sessionCount: 10,
        completionMinSessions: 9,
        sessionMinutes: 90,
        title: 'Teacher Training Practicum',
      });
      await api.takeCourse(trainee, {
        courseId: practicumCourse,
        title: 'Practicum, autumn group',
        startDate: localDate(ZONE, 175),
        sessions: 10,
      });

      const created = await api.http
        .post('/api/v1/practicums')
        .set(api.admin.auth)
        .send({ traineeId: trainee.id, mentorId: mentor.id })
        .expect(status(201));
      expect(created.body).toMatchObject({ traineeId: trainee.id, mentorId: mentor.id });
      practicumId = created.body.id as string;

      // The mentor leads the course the trainee co-teaches, so never reviews recordings of it.
      coTaught = await pastMscCourse('MSC co-taught, Thursday evenings', 168, [
        { userId: mentor.id, role: 'lead' },
        { userId: trainee.id, role: 'co_teacher' },
      ]);

      // The trainee's mentor follows their progress too.
      const seen = await api.http
        .get(`/api/v1/trainees/${trainee.id}/progress`)
        .set(mentor.auth)
        .expect(status(200));
      const now = seen.body as Awaited<ReturnType<typeof progress>>;
      expect(requirementOf(now, 'practicum.completed')).toMatchObject({ met: true });
      expect(requirementOf(now, 'practicum.co_taught')).toMatchObject({
        met: true,
        have: 1,
        need: 1,
      });
      expect(requirementOf(now, 'practicum.consultations')).toMatchObject({
        met: false,
        have: 0,
        need: 10,
      });
      expect(now.currentStage).toBe('practicum');
      expect(now.nextSteps).toEqual([
        expect.stringMatching(/^Attend 10 more consultation sessions/),
        'Request the Trained MSC Teacher designation once the other requirements are met',
      ]);

      const early = await api.requestDesignation(trainee, 'trained_teacher');
      expectProblem(early, 422);
      expect(keysOf(early.body)).toEqual(['practicum.consultations']);
    },
    STEP_TIMEOUT,
  );

  it(
    'should count the consultations held while co-teaching, not one held after it',
    async () => {
      const first = new Date(coTaught.sessions[0]!.startsAt).getTime();
      const last = new Date(coTaught.sessions.at(-1)!.endsAt).getTime();
      // After the co-taught course ended and before any other course the trainee teaches.
      await logSession('consultation', new Date(last + 4 * DAY));
      expect(requirementOf(await progress(), 'practicum.consultations')).toMatchObject({
        met: false,
        have: 0,
      });

      for (let i = 0; i < 10; i++) {
        await logSession('consultation', new Date(first + ((i + 0.5) * (last - first)) / 10), 90);
      }
      const now = await progress();
      expect(requirementOf(now, 'practicum.consultations')).toMatchObject({
        met: true,
        have: 10,
        need: 10,
      });
      expect(now.nextSteps).toEqual([
        'Request the Trained MSC Teacher designation once the other requirements are met',
      ]);

      const tooSoon = await api.requestDesignation(trainee, 'certified_teacher');
      expectProblem(tooSoon, 422);
      expect(keysOf(tooSoon.body)).toEqual(
        expect.arrayContaining([
          'designation.trained_teacher',
          'certification.taught',
          'certification.mentoring',
          'certification.recordings',
        ]),
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'should make the trainee a Trained MSC Teacher once an admin approves',
    async () => {
      const requested = await api
        .requestDesignation(trainee, 'trained_teacher')
        .expect(status(201));
      expect(requested.body).toEqual({ id: expect.any(String), status: 'pending_review' });
      expect((await progress()).nextSteps).toEqual([
        'Wait for an admin to review your Trained MSC Teacher request',
      ]);

      await api.approveCertification(requested.body.id as string);

      const credentials = await api.http
        .get('/api/v1/me/credentials')
        .set(trainee.auth)
        .expect(status(200));
      expect(credentials.body.items).toEqual([
        expect.objectContaining({
          id: expect.any(String),
          designation: 'trained_teacher',
          status: 'active',
          issuedAt: expect.any(String),
        }),
      ]);
      const now = await progress();
      expect(now.designation).toBe('trained_teacher');
      expect(now.currentStage).toBe('certification');
      expect(statusesOf(now)).toMatchObject({
        practicum: 'completed',
        certification: 'in_progress',
      });
      expect(requirementOf(now, 'certification.mentoring')).toMatchObject({ have: 0, need: 14 });
      expect(requirementOf(now, 'certification.recordings')).toMatchObject({ have: 0, need: 4 });
      expect(now.nextSteps).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/mentoring session/),
          expect.stringMatching(/recordings/),
        ]),
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'should count two consecutive taught courses and 14 mentoring sessions',
    async () => {
      taught.push(
        await pastMscCourse('MSC, Monday evenings', 105, [{ userId: trainee.id, role: 'lead' }]),
      );
      taught.push(
        await pastMscCourse('MSC, Wednesday evenings', 52, [{ userId: trainee.id, role: 'lead' }]),
      );
      // Consecutive: the second starts after the first ended.
      expect(new Date(taught[1]!.sessions[0]!.startsAt).getTime()).toBeGreaterThan(
        new Date(taught[0]!.sessions.at(-1)!.endsAt).getTime(),
      );

      const firstTaught = new Date(taught[0]!.sessions[0]!.startsAt).getTime();
      for (let week = 0; week < 14; week++) {
        await logSession('mentoring', new Date(firstTaught + (week * 7 + 1) * DAY));
      }

      const now = await progress();
      const taughtCourses = requirementOf(now, 'certification.taught');
      expect(taughtCourses).toMatchObject({ met: true, need: 2 });
      expect(taughtCourses.have).toBeGreaterThanOrEqual(2);
      expect(requirementOf(now, 'certification.mentoring')).toMatchObject({
        met: true,
        have: 14,
        need: 14,
      });
      expect(requirementOf(now, 'certification.recordings')).toMatchObject({
        met: false,
        have: 0,
        need: 4,
      });
      expect(now.nextSteps).toEqual([
        expect.stringMatching(/^Upload teaching recordings for review/),
        'Request the Certified MSC Teacher designation once the other requirements are met',
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    "should have four recordings probed, assigned to the practicum's mentor and rated competent",
    async () => {
      const uploads = [
        [taught[0]!, 2],
        [taught[0]!, 6],
        [taught[1]!, 3],
        [taught[1]!, 7],
      ] as const;
      const ids: string[] = [];
      for (const [cohort, session] of uploads) {
        const accepted = await upload(cohort.id, session);
        expect(accepted.body).toEqual({ id: expect.any(String), status: 'processing' });
        ids.push(accepted.body.id as string);
      }
      await app.settle();

      for (const id of ids) {
        const recording = await api.http.get(`/api/v1/recordings/${id}`).set(trainee.auth);
        expect(recording.status).toBe(200);
        expect(recording.body).toMatchObject({
          id,
          status: 'awaiting_review',
          reviewerId: mentor.id,
        });
        expect(recording.body.durationSeconds).toBeGreaterThanOrEqual(61);
      }
      const pending = await api.http.get('/api/v1/me/reviews?status=pending').set(mentor.auth);
      expect(pending.status).toBe(200);
      expect(pending.body.items.map((i: { recordingId: string }) => i.recordingId).sort()).toEqual(
        [...ids].sort(),
      );
      expect(pending.body.items[0]).toMatchObject({ traineeId: trainee.id });

      for (const id of ids) {
        const reviewed = await api.http
          .post(`/api/v1/recordings/${id}/reviews`)
          .set(mentor.auth)
          .send({
            scores: COMPETENT_ON_EVERY_DOMAIN,
            comments: [{ atSeconds: 12.5, text: 'A warm, unhurried opening.' }],
            summary: 'Competent teaching: the group is held with kindness throughout.',
          })
          .expect(status(201));
        expect(reviewed.body).toMatchObject({ id: expect.any(String), outcome: 'competent' });
      }
      await app.settle();

      const now = await progress();
      expect(requirementOf(now, 'certification.recordings')).toMatchObject({
        met: true,
        have: 4,
        need: 4,
      });
      // Everything of stage 5 but the designation itself.
      expect(
        stageOf(now, 'certification').requirements.map((r) => [r.key, r.met] as const),
      ).toEqual([
        ['certification.taught', true],
        ['certification.mentoring', true],
        ['certification.recordings', true],
        ['certification.designation', false],
      ]);
      expect(now.currentStage).toBe('certification');
      expect(now.nextSteps).toEqual([
        'Request the Certified MSC Teacher designation once the other requirements are met',
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    'should certify the trainee with a credential anyone can verify offline',
    async () => {
      const requested = await api
        .requestDesignation(trainee, 'certified_teacher')
        .expect(status(201));
      expect(requested.body).toEqual({ id: expect.any(String), status: 'pending_review' });
      await api.approveCertification(requested.body.id as string);

      const credentials = await api.http
        .get('/api/v1/me/credentials')
        .set(trainee.auth)
        .expect(status(200));
      const items = credentials.body.items as { id: string; designation: string; status: string }[];
      expect(items.map((c) => [c.designation, c.status]).sort()).toEqual([
        ['certified_teacher', 'active'],
        ['trained_teacher', 'active'],
      ]);
      certifiedCredentialId = items.find((c) => c.designation === 'certified_teacher')!.id;

      const verified = await api.http
        .get(`/api/v1/credentials/${certifiedCredentialId}/verify`)
        .expect(status(200));
      expect(verified.body).toMatchObject({
        valid: true,
        status: 'active',
        designation: 'certified_teacher',
        holderName: 'Maya Lindqvist',
        issuedAt: expect.any(String),
      });
      expect(verified.body.issuer).toBeDefined();

      const jwks = (await api.http.get('/.well-known/jwks.json').expect(status(200)))
        .body as JSONWebKeySet;
      const vc = await api.http
        .get(`/api/v1/credentials/${certifiedCredentialId}/vc`)
        .buffer(true)
        .parse(text)
        .expect(status(200));
      expect(vc.headers['content-type']).toMatch(/^application\/vc\+jwt/);
      const jwt = vc.body as string;
      expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
      const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
        algorithms: ['EdDSA'],
      });
      expect(payload.type).toEqual(expect.arrayContaining(['VerifiableCredential']));
      expect(JSON.stringify(payload)).toContain('Certified MSC Teacher');
      expect(JSON.stringify(payload.credentialSubject)).toContain('Maya Lindqvist');
      // One flipped byte of the signed part: the same keys refuse it.
      const [header, body, signature] = jwt.split('.');
      const tampered = `${header}.${body!.slice(0, -2)}${body!.slice(-2) === 'AA' ? 'AB' : 'AA'}.${signature}`;
      await expect(jwtVerify(tampered, createLocalJWKSet(jwks))).rejects.toThrow();

      const now = await progress();
      expect(now.designation).toBe('certified_teacher');
      expect(now.percentComplete).toBe(100);
      expect(now.currentStage).toBeNull();
      expect(now.nextSteps).toEqual([]);
      expect(now.stages.every((s) => s.status === 'completed')).toBe(true);
      expect(now.stages.flatMap((s) => s.requirements).every((r) => r.met)).toBe(true);
    },
    STEP_TIMEOUT,
  );
});
