import request from 'supertest';
import {
  EvaluatorRegistry,
  type EvaluationInput,
  type ProgressViewerPredicate,
  ProgressService,
  ProgressViewers,
  RequirementKind,
  type RequirementResult,
  type StageDefinition,
  validateStages,
} from '@msc/domain/pathway';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

const DAY = 86_400_000;

/**
 * Kinds judged by the test's own evaluators (overriding whatever a context registered), answering
 * from `answers` by trainee and requirement key; anything unlisted is unmet, 0 of 1.
 */
const TEST_KINDS = [
  RequirementKind.CoursesTaught,
  RequirementKind.SessionsLogged,
  RequirementKind.RecordingsApproved,
  RequirementKind.AdminApproval,
];

const TEST_STAGES: StageDefinition[] = [
  {
    key: 'teach',
    title: 'Teach',
    requirements: [
      {
        key: 'teach.taught',
        kind: RequirementKind.CoursesTaught,
        title: 'Teach two courses',
        params: { count: 2 },
      },
    ],
  },
  {
    key: 'wait',
    title: 'Wait and log',
    requirements: [
      {
        key: 'wait.month',
        kind: RequirementKind.TimeSince,
        title: 'Wait a month',
        params: { sinceStage: 'teach', months: 1 },
      },
      {
        key: 'wait.sessions',
        kind: RequirementKind.SessionsLogged,
        title: 'Log three sessions',
        params: { count: 3 },
      },
    ],
  },
  {
    key: 'approve',
    title: 'Approval',
    designation: 'test_teacher',
    requirements: [
      { key: 'approve.ok', kind: RequirementKind.AdminApproval, title: 'Be approved', params: {} },
    ],
  },
  {
    key: 'record',
    title: 'Recordings',
    requirements: [
      {
        key: 'record.ok',
        kind: RequirementKind.RecordingsApproved,
        title: 'Have 4 recordings approved',
        params: { count: 4 },
      },
    ],
  },
];

describe('pathway (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let answers: Map<string, Record<string, Partial<RequirementResult>>>;
  let evaluatorCalls: EvaluationInput[];
  let restore: (() => void)[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    answers = new Map();
    evaluatorCalls = [];
    const registry = app.get(EvaluatorRegistry);
    restore = TEST_KINDS.map((kind) =>
      registry.override({
        kind,
        // A part of the one progress statement, as a real evaluator's would be.
        evidence: (_input, bind) => ({
          trainee: `(SELECT to_json(${bind.trainee}) WHERE '${kind}' IS NOT NULL)`,
        }),
        judge: (input, evidence) => {
          evaluatorCalls.push(input);
          expect(evidence.trainee).toBe(input.traineeId);
          const mine = answers.get(input.traineeId) ?? {};
          return new Map(
            input.requirements.map((r) => [
              r.key,
              { met: false, have: 0, need: 1, detail: 'test', ...mine[r.key] },
            ]),
          );
        },
      }),
    );
  });
  afterEach(async () => {
    for (const undo of restore) undo();
    // pathway_versions keeps its seeded row between tests; drop the versions the tests published.
    await app.db.query('DELETE FROM trainee_pathways');
    await app.db.query('DELETE FROM pathway_versions WHERE created_by IS NOT NULL');
  });
  afterAll(() => app.close());

  const publish = (admin: TestUser, stages: StageDefinition[] = TEST_STAGES) =>
    request(app.server)
      .post('/api/v1/pathway-versions')
      .set(admin.auth)
      .send({ title: 'Test pathway', stages })
      .expect(201);

  const progressOf = (user: TestUser) =>
    request(app.server).get('/api/v1/me/progress').set(user.auth).expect(200);

  it('should show a new trainee the seeded pathway: stage 1 in progress, the rest locked', async () => {
    const trainee = await factories.newTrainee();
    const { body } = await progressOf(trainee);
    expect(body.pathway).toMatchObject({ key: 'msc-teacher', version: 1 });
    expect(body.currentStage).toBe('msc_course');
    expect(body.designation).toBeNull();
    expect(body.percentComplete).toBe(0);
    expect(body.stages.map((s: { key: string; status: string }) => [s.key, s.status])).toEqual([
      ['msc_course', 'in_progress'],
      ['personal_practice', 'locked'],
      ['teacher_training', 'locked'],
      ['practicum', 'locked'],
      ['certification', 'locked'],
    ]);
    expect(body.stages[0].requirements).toEqual([
      expect.objectContaining({
        key: 'msc_course.completed',
        title: 'Complete an 8-week MSC course or a 5-day MSC Intensive',
        met: false,
        have: expect.any(Number),
        need: expect.any(Number),
      }),
    ]);
    expect(body.stages[1].requirements.map((r: { key: string }) => r.key)).toEqual([
      'personal_practice.six_months',
      'personal_practice.daily_practice',
      'personal_practice.silent_retreat',
      'personal_practice.group_teaching',
      'personal_practice.practice_log',
    ]);
    expect(body.nextSteps.length).toBeGreaterThan(0);
    expect(typeof body.nextSteps[0]).toBe('string');
    const [pin] = await app.db.query<{ version: number }>(
      `SELECT v.version FROM trainee_pathways tp JOIN pathway_versions v ON v.id = tp.pathway_version_id
       WHERE tp.trainee_id = $1`,
      [trainee.id],
    );
    expect(pin?.version).toBe(1);
  });

  it('should seed version 1 with the agreed requirement params, valid for the registered evaluators', async () => {
    const [seeded] = await app.db.query<{ stages: StageDefinition[] }>(
      "SELECT stages FROM pathway_versions WHERE key = 'msc-teacher' AND version = 1",
    );
    const stages = seeded!.stages;
    expect(validateStages(stages, app.get(EvaluatorRegistry))).toEqual([]);
    const params = Object.fromEntries(
      stages.flatMap((s) => s.requirements.map((r) => [r.key, [r.kind, r.params]])),
    );
    expect(params['personal_practice.six_months']).toEqual([
      'time_since',
      { sinceStage: 'msc_course', months: 6 },
    ]);
    expect(params['practicum.consultations']).toEqual([
      'sessions_logged',
      { sessionKind: 'consultation', count: 10, during: 'practicum.co_taught' },
    ]);
    expect(params['certification.taught']).toEqual([
      'courses_taught',
      {
        count: 2,
        consecutive: true,
        minParticipants: 8,
        formats: ['msc_8_week'],
        roles: ['lead', 'co_teacher'],
      },
    ]);
    expect(stages.map((s) => s.designation ?? null)).toEqual([
      null,
      null,
      null,
      'trained_teacher',
      'certified_teacher',
    ]);
  });

  it('should keep a started trainee on their version when an admin publishes a new one', async () => {
    const admin = await factories.newAdmin();
    const early = await factories.newTrainee();
    await progressOf(early);

    const published = await publish(admin);
    expect(published.body).toMatchObject({ key: 'msc-teacher', version: 2, title: 'Test pathway' });

    expect((await progressOf(early)).body.pathway.version).toBe(1);
    const late = await factories.newTrainee();
    const lateProgress = (await progressOf(late)).body;
    expect(lateProgress.pathway).toMatchObject({ key: 'msc-teacher', version: 2 });
    expect(lateProgress.stages.map((s: { key: string }) => s.key)).toEqual([
      'teach',
      'wait',
      'approve',
      'record',
    ]);

    const audit = await app.db.query<{ actor_id: string; subject: string }>(
      "SELECT actor_id, subject FROM audit_events WHERE action = 'pathway_version.published'",
    );
    expect(audit).toEqual([
      { actor_id: admin.id, subject: `pathway_version/${published.body.id}` },
    ]);

    const list = await request(app.server)
      .get('/api/v1/pathway-versions')
      .set(admin.auth)
      .expect(200);
    expect(
      list.body.items.map((v: { version: number; traineeCount: number }) => [
        v.version,
        v.traineeCount,
      ]),
    ).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(list.body.total).toBe(2);
  });

  it('should derive statuses, designation, percent and next steps from the evaluators', async () => {
    const admin = await factories.newAdmin();
    await publish(admin);
    const trainee = await factories.newTrainee();
    answers.set(trainee.id, {
      'teach.taught': { met: true, have: 2, need: 2, metAt: new Date(Date.now() - 40 * DAY) },
      'wait.sessions': { met: false, have: 1, need: 3, detail: '1 of 3 sessions' },
      'approve.ok': { met: true, have: 1, need: 1, metAt: new Date(Date.now() - DAY) },
    });

    const { body } = await progressOf(trainee);
    expect(body.stages.map((s: { status: string }) => s.status)).toEqual([
      'completed',
      'in_progress',
      'completed',
      'locked',
    ]);
    expect(body.currentStage).toBe('wait');
    expect(body.designation).toBe('test_teacher');
    expect(body.percentComplete).toBe(60);
    expect(body.stages[1].requirements[0]).toMatchObject({ key: 'wait.month', met: true, need: 1 });
    expect(body.nextSteps).toEqual(['Log three sessions (1 of 3 so far)']);
    expect(body.nextActions).toEqual([
      { text: 'Log three sessions (1 of 3 so far)', kind: 'sessions_logged', target: '/practicum' },
    ]);
    // Each kind's evaluator was asked once, for this trainee.
    expect(evaluatorCalls.map((c) => c.requirements.length).sort()).toEqual([1, 1, 1, 1]);
    expect(new Set(evaluatorCalls.map((c) => c.traineeId))).toEqual(new Set([trainee.id]));
  });

  it('should never show have above need, keeping met as the evaluator judged it', async () => {
    const admin = await factories.newAdmin();
    await publish(admin);
    const trainee = await factories.newTrainee();
    answers.set(trainee.id, {
      'teach.taught': { met: true, have: 3, need: 2, metAt: new Date(Date.now() - 40 * DAY) },
      'wait.sessions': { met: false, have: 4, need: 3, detail: 'not yet' },
    });
    const { body } = await progressOf(trainee);
    expect(body.stages[0].requirements[0]).toMatchObject({ met: true, have: 2, need: 2 });
    expect(body.stages[1].requirements[1]).toMatchObject({ met: false, have: 3, need: 3 });
    expect(body.nextSteps).toEqual(['Log three sessions (3 of 3 so far)']);
  });

  it('should give nextActions beside nextSteps to the trainee and to an admin viewing them', async () => {
    const admin = await factories.newAdmin();
    const trainee = await factories.newTrainee();
    const mine = await progressOf(trainee);
    expect(mine.body.nextSteps).toEqual([expect.stringMatching(/^Enroll in an 8-week MSC course/)]);
    expect(mine.body.nextActions).toEqual([
      { text: mine.body.nextSteps[0], kind: 'course_completed', target: '/cohorts' },
    ]);
    const viewed = await request(app.server)
      .get(`/api/v1/trainees/${trainee.id}/progress`)
      .set(admin.auth)
      .expect(200);
    expect(viewed.body.nextActions).toEqual(mine.body.nextActions);
    expect(viewed.body.nextSteps).toEqual(mine.body.nextSteps);
  });

  it('should answer progress in the same number of queries whatever the number of requirements', async () => {
    const admin = await factories.newAdmin();
    await publish(admin);
    const small = await factories.newTrainee();
    await progressOf(small);
    const many = (prefix: string, kind: RequirementKind) =>
      Array.from({ length: 6 }, (_, i) => ({
        key: `${prefix}.r${i}`,
        kind,
        title: `Requirement ${i}`,
        params: {},
      }));
    await publish(admin, [
      {
        key: 'one',
        title: 'One',
        requirements: [
          ...many('one', RequirementKind.CoursesTaught),
          ...many('one_b', RequirementKind.SessionsLogged),
        ],
      },
      {
        key: 'two',
        title: 'Two',
        requirements: [
          ...many('two', RequirementKind.AdminApproval),
          ...many('two_b', RequirementKind.RecordingsApproved),
        ],
      },
      {
        key: 'three',
        title: 'Three',
        requirements: [
          {
            key: 'three.wait',
            kind: RequirementKind.TimeSince,
            title: 'Wait',
            params: { sinceStage: 'one', months: 2 },
          },
        ],
      },
    ]);
    const large = await factories.newTrainee();
    await progressOf(large);

    const db = app.db;
    const query = db.query.bind(db);
    let count = 0;
    db.query = ((sql: string, parameters?: unknown[]) => {
      count += 1;
      return query(sql, parameters);
    }) as typeof db.query;
    try {
      count = 0;
      const smallBody = (await progressOf(small)).body;
      const smallCount = count;
      count = 0;
      const largeBody = (await progressOf(large)).body;
      const largeCount = count;
      expect(
        smallBody.stages.flatMap((s: { requirements: unknown[] }) => s.requirements),
      ).toHaveLength(5);
      expect(
        largeBody.stages.flatMap((s: { requirements: unknown[] }) => s.requirements),
      ).toHaveLength(25);
      expect(largeCount).toBe(smallCount);
      // The access token's user, then the pin with every evaluator's evidence in one statement.
      expect(largeCount).toBe(2);
    } finally {
      delete (db as { query?: unknown }).query;
    }
  });

  it('should refuse progress to someone who is not a trainee, and ask for sign-in', async () => {
    const mentor = await factories.newMentor();
    await request(app.server).get('/api/v1/me/progress').set(mentor.auth).expect(403);
    await request(app.server).get('/api/v1/me/progress').expect(401);
  });

  it("should show a trainee's progress to admins, the trainee and registered viewers only", async () => {
    const trainee = await factories.newTrainee();
    const other = await factories.newTrainee();
    const mentor = await factories.newMentor();
    const admin = await factories.newAdmin();
    const path = `/api/v1/trainees/${trainee.id}/progress`;

    const refused = await request(app.server).get(path).set(other.auth).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(app.server).get(path).set(mentor.auth).expect(403);

    const asAdmin = await request(app.server).get(path).set(admin.auth).expect(200);
    expect(asAdmin.body).toMatchObject({
      traineeId: trainee.id,
      pathway: { key: 'msc-teacher', version: 1 },
      currentStage: 'msc_course',
    });
    await request(app.server).get(path).set(trainee.auth).expect(200);

    const mentorOf: ProgressViewerPredicate = async (viewerId, traineeId) =>
      viewerId === mentor.id && traineeId === trainee.id;
    const viewers = app.get(ProgressViewers);
    viewers.register(mentorOf);
    try {
      await request(app.server).get(path).set(mentor.auth).expect(200);
      await request(app.server)
        .get(`/api/v1/trainees/${other.id}/progress`)
        .set(mentor.auth)
        .expect(403);
    } finally {
      viewers.unregister(mentorOf);
    }
  });

  it('should answer 404 for an unknown trainee, and for a user who is no trainee', async () => {
    const admin = await factories.newAdmin();
    const unknown = await request(app.server)
      .get('/api/v1/trainees/5b0c1a52-8c1e-4e8a-9a57-0d7a3c1f0b11/progress')
      .set(admin.auth)
      .expect(404);
    expect(unknown.body.code).toBe('pathway.trainee_not_found');
    await request(app.server)
      .get(`/api/v1/trainees/${admin.id}/progress`)
      .set(admin.auth)
      .expect(404);
    await request(app.server)
      .get('/api/v1/trainees/not-a-uuid/progress')
      .set(admin.auth)
      .expect(400);
  });

  it('should refuse a version with unknown fields, unknown kinds or bad references', async () => {
    const admin = await factories.newAdmin();
    const trainee = await factories.newTrainee();
    const post = (body: object, user: TestUser = admin) =>
      request(app.server).post('/api/v1/pathway-versions').set(user.auth).send(body);

    const unknownField = await post({ title: 'T', stages: TEST_STAGES, colour: 'blue' }).expect(
      400,
    );
    expect(unknownField.body.errors).toEqual([
      { field: 'colour', message: 'colour is not an accepted field' },
    ]);
    const nested = await post({
      title: 'T',
      stages: [{ ...TEST_STAGES[0], extra: 1 }],
    }).expect(400);
    expect(nested.body.errors.map((e: { field: string }) => e.field)).toEqual(['stages[0].extra']);

    const badKind = await post({
      title: 'T',
      stages: [
        {
          key: 'a',
          title: 'A',
          requirements: [{ key: 'a.x', kind: 'vibes', title: 'X', params: {} }],
        },
      ],
    }).expect(400);
    expect(badKind.body.errors[0].field).toBe('stages[0].requirements[0].kind');

    const badReference = await post({
      title: 'T',
      stages: [
        {
          key: 'a',
          title: 'A',
          requirements: [
            {
              key: 'a.wait',
              kind: 'time_since',
              title: 'W',
              params: { sinceStage: 'b', months: 6 },
            },
          ],
        },
        {
          key: 'b',
          title: 'B',
          requirements: [{ key: 'a.wait', kind: 'admin_approval', title: 'X', params: {} }],
        },
      ],
    }).expect(400);
    expect(badReference.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'stages[0].requirements[0].params.sinceStage',
      'stages[1].requirements[0].key',
    ]);

    await post({ title: 'T', stages: TEST_STAGES }, trainee).expect(403);
    const [{ n }] = (await app.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM pathway_versions',
    )) as [{ n: string }];
    expect(Number(n)).toBe(1);
  });

  it('should list the unmet requirements up to a stage for the steps that need them', async () => {
    const admin = await factories.newAdmin();
    await publish(admin);
    const trainee = await factories.newTrainee();
    answers.set(trainee.id, {
      'teach.taught': { met: true, have: 2, need: 2, metAt: new Date(Date.now() - 10 * DAY) },
    });
    const sut = app.get(ProgressService);

    const unmet = await sut.unmetFor(trainee.id, 'approve');
    expect(unmet.map((u) => u.key)).toEqual(['wait.month', 'wait.sessions', 'approve.ok']);
    expect(unmet[0]).toMatchObject({ title: 'Wait a month', have: 0, need: 1 });

    const withoutApproval = await sut.unmetFor(trainee.id, 'approve', {
      excludeKinds: [RequirementKind.AdminApproval],
    });
    expect(withoutApproval.map((u) => u.key)).toEqual(['wait.month', 'wait.sessions']);
    await expect(sut.unmetFor(trainee.id, 'nowhere')).rejects.toMatchObject({
      code: 'pathway.stage_not_found',
    });
  });

  it('should show a version to admins only, and 404 an unknown one', async () => {
    const admin = await factories.newAdmin();
    const trainee = await factories.newTrainee();
    const published = await publish(admin);
    const path = `/api/v1/pathway-versions/${published.body.id}`;
    await request(app.server).get(path).set(trainee.auth).expect(403);
    await request(app.server).get('/api/v1/pathway-versions').set(trainee.auth).expect(403);
    const shown = await request(app.server).get(path).set(admin.auth).expect(200);
    expect(shown.body).toMatchObject({ version: 2, createdBy: admin.id, traineeCount: 0 });
    expect(shown.body.stages).toEqual(TEST_STAGES);
    await request(app.server)
      .get('/api/v1/pathway-versions/5b0c1a52-8c1e-4e8a-9a57-0d7a3c1f0b11')
      .set(admin.auth)
      .expect(404);
  });

  it('should document the progress and pathway-version routes in OpenAPI', async () => {
    const { body } = await request(app.server).get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me/progress',
        '/api/v1/trainees/{id}/progress',
        '/api/v1/pathway-versions',
        '/api/v1/pathway-versions/{id}',
      ]),
    );
  });
});
