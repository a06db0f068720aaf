import request from 'supertest';
import { DateTime } from 'luxon';
import { ProgressService, RequirementKind, type StageDefinition } from '@msc/domain/pathway';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

const RENAMED: Record<string, string> = {
  msc_course: 'foundations',
  personal_practice: 'own_practice',
  teacher_training: 'training',
  practicum: 'supervised_teaching',
  certification: 'certified',
};

/** Version 1 with every stage (and so every requirement key) renamed, references included. */
function renamed(stages: StageDefinition[]): StageDefinition[] {
  const key = (k: string) => {
    const [stage, ...rest] = k.split('.');
    return [RENAMED[stage!] ?? stage, ...rest].join('.');
  };
  return stages.map((stage) => ({
    ...stage,
    key: RENAMED[stage.key] ?? stage.key,
    title: `${stage.title} (renamed)`,
    requirements: stage.requirements.map((r) => ({
      ...r,
      key: key(r.key),
      params: {
        ...r.params,
        ...(typeof r.params.sinceStage === 'string'
          ? { sinceStage: RENAMED[r.params.sinceStage] ?? r.params.sinceStage }
          : {}),
        ...(typeof r.params.during === 'string' ? { during: key(r.params.during) } : {}),
      },
    })),
  }));
}

/**
 * The code relies on no stage key: what an application, a designation or an enrollment needs met
 * first is found in the trainee's version by what it holds (the requirement of an approved
 * application, the stage leading to a designation, the requirement to complete a course format).
 * A version that renames every stage keeps working; one that drops the step is refused clearly.
 */
describe('pathway versions without the stage keys of version 1 (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let v1: StageDefinition[];

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    [{ stages: v1 }] = (await app.db.query(
      "SELECT stages FROM pathway_versions WHERE key = 'msc-teacher' AND version = 1",
    )) as [{ stages: StageDefinition[] }];
  });
  afterEach(async () => {
    await app.db.query('DELETE FROM trainee_pathways');
    await app.db.query('DELETE FROM pathway_versions WHERE created_by IS NOT NULL');
  });
  afterAll(() => app.close());

  const api = () => request(app.server);
  const publish = (stages: StageDefinition[]) =>
    api()
      .post('/api/v1/pathway-versions')
      .set(admin.auth)
      .send({ title: 'MSC teacher pathway, renamed', stages })
      .expect(201);
  const keysOf = (body: { unmet: { key: string }[] }) => body.unmet.map((u) => u.key);

  async function teacherTrainingCohort(): Promise<string> {
    const course = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `TT-${Math.random().toString(36).slice(2, 8)}`,
        title: 'Teacher training',
        format: 'teacher_training',
        sessionCount: 3,
        sessionMinutes: 300,
        completionMinSessions: 3,
      })
      .expect(201);
    const cohort = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title: 'Spring',
        startDate: DateTime.utc().plus({ days: 30 }).toFormat('yyyy-LL-dd'),
        localTime: '09:00',
        timeZone: 'UTC',
        capacity: 10,
        ceEligible: false,
      })
      .expect(201);
    await app.settle();
    return cohort.body.id as string;
  }

  it('should find the prerequisites of an application, a designation and an enrollment by what the version holds', async () => {
    await publish(renamed(v1));
    const trainee = await factories.newTrainee();

    const application = await api()
      .post('/api/v1/applications')
      .set(trainee.auth)
      .send({ kind: 'teacher_training', statement: 'I would like to teach.' })
      .expect(422);
    expect(keysOf(application.body)).toEqual([
      'foundations.completed',
      'own_practice.six_months',
      'own_practice.daily_practice',
      'own_practice.silent_retreat',
      'own_practice.group_teaching',
      'own_practice.practice_log',
    ]);

    const designation = await api()
      .post('/api/v1/certifications')
      .set(trainee.auth)
      .send({ designation: 'trained_teacher' })
      .expect(422);
    expect(keysOf(designation.body)).toEqual(
      expect.arrayContaining([
        'foundations.completed',
        'training.application',
        'training.completed',
        'supervised_teaching.completed',
        'supervised_teaching.co_taught',
        'supervised_teaching.consultations',
      ]),
    );
    expect(keysOf(designation.body)).not.toContain('supervised_teaching.designation');
    expect(keysOf(designation.body).some((k) => k.startsWith('certified.'))).toBe(false);

    const cohortId = await teacherTrainingCohort();
    const enrollment = await api()
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(trainee.auth)
      .send({})
      .expect(422);
    expect(keysOf(enrollment.body)).toEqual([...keysOf(application.body), 'training.application']);

    const progress = await api().get('/api/v1/me/progress').set(trainee.auth).expect(200);
    expect(progress.body.currentStage).toBe('foundations');
  });

  it('should follow the version when it moves the designation to another stage', async () => {
    // The designation stage reordered: Trained Teacher now at the end of training.
    const stages = renamed(v1).map((stage) => {
      if (stage.key === 'training') return { ...stage, designation: 'trained_teacher' };
      if (stage.key === 'supervised_teaching') {
        const { designation: _dropped, ...rest } = stage;
        return rest;
      }
      return stage;
    });
    await publish(stages);
    const trainee = await factories.newTrainee();
    const unmet = await app
      .get(ProgressService)
      .unmetFor(
        trainee.id,
        { throughDesignation: 'trained_teacher' },
        { excludeKinds: [RequirementKind.AdminApproval] },
      );
    expect(unmet.map((u) => u.key).at(-1)).toBe('training.completed');
    expect(unmet.some((u) => u.key.startsWith('supervised_teaching.'))).toBe(false);
  });

  it('should refuse clearly when the version has no such step, and admit enrollment it does not gate', async () => {
    // A version without teacher training at all (and so without the application).
    const stages = renamed(v1).filter((stage) => stage.key !== 'training');
    // Nothing referred to the dropped stage (its keys are only in "during" of practicum: none).
    await publish(stages);
    const trainee = await factories.newTrainee();
    // Meet everything the application would have needed, so only the missing step is in the way.
    const restore = factories.meetRequirements(
      RequirementKind.CourseCompleted,
      RequirementKind.AttestationVerified,
      RequirementKind.PracticeDays,
    );
    try {
      const refused = await api()
        .post('/api/v1/applications')
        .set(trainee.auth)
        .send({ kind: 'teacher_training', statement: 'I would like to teach.' })
        .expect(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toMatch(
        /has no requirement of an approved teacher_training application/,
      );
      // No requirement of this version asks for a teacher-training course: nothing gates it.
      const cohortId = await teacherTrainingCohort();
      await api()
        .post(`/api/v1/cohorts/${cohortId}/enrollments`)
        .set(trainee.auth)
        .send({})
        .expect(201);
    } finally {
      restore();
    }
  });
});
