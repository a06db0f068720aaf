import { DateTime } from 'luxon';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';
import {
  type CohortView,
  JourneyApi,
  type Member,
  PRACTICE_DAYS,
  type ProgressView,
  requirementOf,
  stageOf,
  statusesOf,
  status,
  STEP_TIMEOUT,
} from './journey.helpers.js';
import { binary } from './practicum.fixtures.js';

const PERSONAL_PRACTICE_KEYS = [
  'personal_practice.daily_practice',
  'personal_practice.silent_retreat',
  'personal_practice.group_teaching',
  'personal_practice.practice_log',
];

/** The share of requirements met, as the engine should compute it from what it reports. */
const expectedPercent = (progress: ProgressView) => {
  const all = progress.stages.flatMap((s) => s.requirements);
  return Math.round((100 * all.filter((r) => r.met).length) / all.length);
};

/**
 * One trainee from sign-up to an approved teacher-training application, over the HTTP API only.
 * The steps build on each other and run in order (one app, no reset between them).
 */
describe('journey: MSC course to teacher-training application (e2e)', () => {
  let app: TestApp;
  let api: JourneyApi;
  let trainee: Member;
  let mscCohort: CohortView;

  beforeAll(async () => {
    app = await createTestApp();
    await app.reset();
    // The first admin: no API creates one (it comes from ADMIN_EMAIL at start).
    const admin = await new Factories(app).newAdmin();
    api = new JourneyApi(app, admin);
  }, STEP_TIMEOUT);
  afterAll(() => app.close());

  it(
    'should register a trainee whose first step is an 8-week MSC course and who cannot apply yet',
    async () => {
      // A zone 14 hours ahead of UTC: "today" differs from UTC's for half of every day.
      trainee = await api.register({
        displayName: 'Maya Lindqvist',
        timeZone: 'Pacific/Kiritimati',
      });

      const progress = await api.progress(trainee);
      expect(progress.pathway).toMatchObject({ key: 'msc-teacher', version: 1 });
      expect(progress.currentStage).toBe('msc_course');
      expect(progress.designation).toBeNull();
      expect(progress.percentComplete).toBe(0);
      expect(statusesOf(progress)).toEqual({
        msc_course: 'in_progress',
        personal_practice: 'locked',
        teacher_training: 'locked',
        practicum: 'locked',
        certification: 'locked',
      });
      expect(requirementOf(progress, 'msc_course.completed')).toMatchObject({
        met: false,
        have: 0,
      });
      expect(progress.nextSteps).toEqual([expect.stringMatching(/8-week MSC course/)]);

      const refused = await api.apply(trainee);
      expectProblem(refused, 422);
      expect(refused.body.unmet.map((u: { key: string }) => u.key)).toEqual([
        'msc_course.completed',
        'personal_practice.six_months',
        ...PERSONAL_PRACTICE_KEYS,
      ]);
      for (const unmet of refused.body.unmet) {
        expect(unmet).toMatchObject({
          title: expect.any(String),
          have: expect.any(Number),
          need: expect.any(Number),
        });
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'should complete an MSC course of 8 months ago with 7 of 8 sessions and earn 21 CE hours',
    async () => {
      const courseId = await api.createCourse({
        format: 'msc_8_week',
        sessionCount: 8,
        completionMinSessions: 7,
        ceHours: 24,
        ceAccreditor: 'Approved for 24 CE hours',
        title: 'Mindful Self-Compassion (8 weeks)',
      });
      expect(requirementOf(await api.progress(trainee), 'msc_course.completed')).toMatchObject({
        met: false,
        have: 0,
        need: 7,
      });

      mscCohort = await api.createCohort({
        courseId,
        title: 'MSC, Tuesday evenings',
        startDate: DateTime.now().setZone('America/New_York').minus({ months: 8 }).toISODate()!,
        timeZone: 'America/New_York',
        sessions: 8,
        ceEligible: true,
      });
      await api.enroll(mscCohort.id, trainee.id, { requestCe: true });
      await api.attend(mscCohort, trainee.id, [5]);

      // Attendance is enough, but the course counts once the cohort is completed.
      let progress = await api.progress(trainee);
      expect(requirementOf(progress, 'msc_course.completed')).toMatchObject({
        met: false,
        have: 7,
        need: 7,
      });
      expect(stageOf(progress, 'msc_course').status).toBe('in_progress');
      expect(progress.nextSteps).toEqual([
        expect.stringMatching(/MSC, Tuesday evenings counts once it is completed/),
      ]);

      await api.complete(mscCohort.id);

      progress = await api.progress(trainee);
      expect(progress.currentStage).toBe('personal_practice');
      expect(statusesOf(progress)).toMatchObject({
        msc_course: 'completed',
        personal_practice: 'in_progress',
        teacher_training: 'locked',
      });
      expect(requirementOf(progress, 'msc_course.completed')).toMatchObject({
        met: true,
        have: 7,
        need: 7,
      });
      // The last session ended more than 6 months ago.
      const sixMonths = requirementOf(progress, 'personal_practice.six_months');
      expect(sixMonths).toMatchObject({ met: true, need: 6 });
      expect(sixMonths.have).toBeGreaterThanOrEqual(6);
      for (const key of PERSONAL_PRACTICE_KEYS.slice(0, 3)) {
        expect(requirementOf(progress, key)).toMatchObject({ met: false, have: 0, need: 1 });
      }
      expect(requirementOf(progress, 'personal_practice.practice_log')).toMatchObject({
        met: false,
        have: 0,
        need: 45,
      });
      expect(progress.nextSteps).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Attest two years of daily mindfulness practice/),
          expect.stringMatching(/^Attest a silent, teacher-led retreat/),
          expect.stringMatching(/^Attest experience teaching meditation to groups/),
          expect.stringMatching(/log it on 45 more days/),
        ]),
      );
      expect(progress.nextSteps).toHaveLength(4);
      expect(progress.percentComplete).toBe(expectedPercent(progress));
      expect(progress.percentComplete).toBeGreaterThan(0);

      const enrollments = await api.http
        .get('/api/v1/me/enrollments')
        .set(trainee.auth)
        .expect(status(200));
      expect(enrollments.body.items).toEqual([
        expect.objectContaining({ cohortId: mscCohort.id, completedAt: expect.any(String) }),
      ]);

      // 24 hours over 8 sessions, the one missed earns none: 21.
      const credits = await api.http
        .get('/api/v1/me/ce-credits')
        .set(trainee.auth)
        .expect(status(200));
      expect(credits.body.items).toEqual([
        expect.objectContaining({
          id: expect.any(String),
          cohortId: mscCohort.id,
          hours: 21,
          certificateNumber: expect.any(String),
          issuedAt: expect.any(String),
        }),
      ]);
      const pdf = await api.http
        .get(`/api/v1/ce-credits/${credits.body.items[0].id as string}/certificate.pdf`)
        .set(trainee.auth)
        .buffer(true)
        .parse(binary)
        .expect(status(200));
      expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-32).toString('latin1')).toContain('%%EOF');

      const refused = await api.apply(trainee);
      expectProblem(refused, 422);
      expect(refused.body.unmet.map((u: { key: string }) => u.key)).toEqual(PERSONAL_PRACTICE_KEYS);
    },
    STEP_TIMEOUT,
  );

  it(
    "should count practice on 45 of the last 60 days of the trainee's own calendar",
    async () => {
      const beforeToday = PRACTICE_DAYS.filter((days) => days !== 0);
      expect(beforeToday).toHaveLength(44);
      await api.logPractice(trainee, beforeToday);

      let progress = await api.progress(trainee);
      expect(requirementOf(progress, 'personal_practice.practice_log')).toMatchObject({
        met: false,
        have: 44,
        need: 45,
      });
      expect(progress.nextSteps).toContainEqual(expect.stringMatching(/log it on 1 more day\b/));

      // Today in Kiritimati: tomorrow in UTC for part of the day, and still not "the future".
      await api.logPractice(trainee, [0]);
      const logs = await api.http
        .get('/api/v1/me/practice-logs')
        .set(trainee.auth)
        .expect(status(200));
      expect(logs.body.stats.daysLast60).toBe(45);

      progress = await api.progress(trainee);
      expect(requirementOf(progress, 'personal_practice.practice_log')).toMatchObject({
        met: true,
        have: 45,
        need: 45,
      });
      expect(progress.nextSteps).not.toContainEqual(expect.stringMatching(/log it on/));
      expect(progress.nextSteps).toHaveLength(3);
    },
    STEP_TIMEOUT,
  );

  it(
    'should count the three attestations once an admin verified them',
    async () => {
      const ids = await api.attestAll(trainee);

      let progress = await api.progress(trainee);
      for (const key of PERSONAL_PRACTICE_KEYS.slice(0, 3)) {
        expect(requirementOf(progress, key)).toMatchObject({ met: false, have: 0, need: 1 });
      }
      expect(progress.nextSteps).toEqual([
        expect.stringMatching(/^Wait for an administrator to verify .*daily mindfulness practice/),
        expect.stringMatching(/^Wait for an administrator to verify .*silent, teacher-led retreat/),
        expect.stringMatching(/^Wait for an administrator to verify .*teaching meditation/),
      ]);
      const refused = await api.apply(trainee);
      expectProblem(refused, 422);
      expect(refused.body.unmet.map((u: { key: string }) => u.key)).toEqual(
        PERSONAL_PRACTICE_KEYS.slice(0, 3),
      );

      // The admin reads the evidence before deciding.
      const evidence = await api.http
        .get(`/api/v1/attestations/${ids[0]!}/evidence`)
        .set(api.admin.auth)
        .buffer(true)
        .parse(binary)
        .expect(status(200));
      expect(evidence.headers['content-type']).toMatch(/^application\/pdf/);
      expect((evidence.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      await api.verifyAttestations(ids);

      progress = await api.progress(trainee);
      expect(progress.currentStage).toBe('teacher_training');
      expect(statusesOf(progress)).toMatchObject({
        msc_course: 'completed',
        personal_practice: 'completed',
        teacher_training: 'in_progress',
        practicum: 'locked',
      });
      for (const key of PERSONAL_PRACTICE_KEYS) {
        expect(requirementOf(progress, key).met).toBe(true);
      }
      expect(requirementOf(progress, 'teacher_training.application')).toMatchObject({
        met: false,
        have: 0,
        need: 1,
      });
      expect(progress.nextSteps).toContainEqual(expect.stringMatching(/\bapply\b/i));
    },
    STEP_TIMEOUT,
  );

  it(
    'should take the application and, once approved, point the trainee to teacher training',
    async () => {
      const submitted = await api.apply(trainee).expect(status(201));
      expect(submitted.body).toMatchObject({ id: expect.any(String), status: 'submitted' });
      const applicationId = submitted.body.id as string;
      expectProblem(await api.apply(trainee), 409);

      let progress = await api.progress(trainee);
      expect(requirementOf(progress, 'teacher_training.application')).toMatchObject({
        met: false,
        have: 0,
        need: 1,
      });
      expect(progress.nextSteps).toContain('Wait for an administrator to decide your application');

      const queue = await api.http
        .get('/api/v1/applications?status=submitted')
        .set(api.admin.auth)
        .expect(status(200));
      expect(queue.body.items).toEqual([
        expect.objectContaining({ id: applicationId, traineeId: trainee.id, status: 'submitted' }),
      ]);
      await api.approveApplication(applicationId);

      progress = await api.progress(trainee);
      expect(progress.currentStage).toBe('teacher_training');
      expect(statusesOf(progress)).toEqual({
        msc_course: 'completed',
        personal_practice: 'completed',
        teacher_training: 'in_progress',
        practicum: 'locked',
        certification: 'locked',
      });
      expect(requirementOf(progress, 'teacher_training.application')).toMatchObject({
        met: true,
        have: 1,
        need: 1,
      });
      expect(requirementOf(progress, 'teacher_training.completed')).toMatchObject({ met: false });
      expect(progress.nextSteps).toEqual([expect.stringMatching(/teacher[- ]training/i)]);
      expect(progress.designation).toBeNull();
      expect(progress.percentComplete).toBe(expectedPercent(progress));
    },
    STEP_TIMEOUT,
  );
});
