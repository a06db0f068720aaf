import request from 'supertest';
import type { Logger } from 'typeorm';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@msc/db';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

/**
 * GET /me/progress with the real evaluators of every context, counting every statement the
 * DataSource sends (transaction control included): the access token's user, then the pin and the
 * evidence of every requirement in one statement (apart when the trainee's version is not the one
 * this process took them to be on).
 */
describe('progress statements (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let statements: { sql: string }[];
  let restore: () => void;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
    // Nothing here enqueues jobs: the relay's polling would only add statements to the count.
    await app.get(OutboxRelay).onApplicationShutdown();
  });
  beforeEach(async () => {
    await app.reset();
    statements = [];
    const dataSource = app.get(DataSource);
    const original = dataSource.logger;
    const counting: Logger = {
      logQuery: (sql, parameters, runner) => {
        statements.push({ sql });
        original.logQuery(sql, parameters, runner);
      },
      logQueryError: (...args) => original.logQueryError(...args),
      logQuerySlow: (...args) => original.logQuerySlow(...args),
      logSchemaBuild: (...args) => original.logSchemaBuild(...args),
      logMigration: (...args) => original.logMigration(...args),
      log: (...args) => original.log(...args),
    };
    (dataSource as { logger: Logger }).logger = counting;
    restore = () => ((dataSource as { logger: Logger }).logger = original);
  });
  afterEach(() => restore());
  afterAll(() => app.close());

  const progressOf = async (trainee: TestUser) => {
    const res = await request(app.server).get('/api/v1/me/progress').set(trainee.auth).expect(200);
    return res.body as { currentStage: string | null; stages: { status: string }[] };
  };

  /** A trainee with evidence in every context: a course, practice, an application, a practicum. */
  async function busyTrainee(): Promise<TestUser> {
    const trainee = await factories.newTrainee();
    const mentor = await factories.newMentor();
    await factories.completedCourse(trainee.id, new Date(Date.now() - 400 * 86_400_000));
    await factories.practiceDays(trainee.id, 50);
    await factories.application(trainee.id);
    await factories.attestation(trainee.id);
    const practicum = await factories.practicum({ traineeId: trainee.id, mentorId: mentor.id });
    const taught = await factories.completedCourse(mentor.id);
    const recording = await factories.recording({
      practicumId: practicum,
      traineeId: trainee.id,
      cohortId: taught.id,
      reviewerId: mentor.id,
      status: 'reviewed',
    });
    await factories.mentorReview(recording, mentor.id);
    await factories.certificationRequest(trainee.id);
    return trainee;
  }

  it('should read progress in two statements, the pin and the evidence of every requirement in one', async () => {
    const trainee = await busyTrainee();
    const first = await progressOf(trainee); // pins the trainee
    statements = [];
    const again = await progressOf(trainee);
    expect(again).toEqual({ ...first, evaluatedAt: expect.any(String) } as never);
    expect(statements).toHaveLength(2);
    const [user, evidence] = statements.map((s) => s.sql);
    expect(user).toMatch(/FROM users WHERE id = \$1/);
    expect(evidence).toMatch(/INSERT INTO trainee_pathways/);
    // Every context's tables in the one evidence statement, and no transaction around it.
    for (const table of [
      'enrollments',
      'practice_logs',
      'applications',
      'attestations',
      'practicum_sessions',
      'mentor_reviews',
      'cohort_teachers',
      'designations',
      'certification_requests',
    ]) {
      expect(evidence).toContain(table);
    }
    expect(statements.map((s) => s.sql).join('\n')).not.toMatch(/START TRANSACTION|BEGIN/i);
  });

  it('should read the evidence apart, once, for a trainee on another version than the one taken', async () => {
    const admin = await factories.newAdmin();
    const early = await factories.newTrainee();
    await progressOf(early);
    // The same stages again, as version 2: the evidence statement is the same, the version not.
    const [{ stages }] = (await app.db.query(
      `SELECT stages FROM pathway_versions WHERE key = 'msc-teacher' ORDER BY version DESC LIMIT 1`,
    )) as [{ stages: unknown }];
    await request(app.server)
      .post('/api/v1/pathway-versions')
      .set(admin.auth)
      .send({ title: 'MSC teacher pathway, again', stages })
      .expect(201);
    try {
      const late = await factories.newTrainee();
      statements = [];
      // Taken to be on version 1 like the last trainee seen: the pin says 2, so the pin and the
      // evidence go again, apart: the user, the pin with version 1's evidence, the pin, the pin
      // with version 2's stages (not read by this process yet), version 2's evidence.
      const lateProgress = await progressOf(late);
      expect((lateProgress as unknown as { pathway: { version: number } }).pathway.version).toBe(2);
      expect(statements).toHaveLength(5);
      statements = [];
      await progressOf(late);
      expect(statements).toHaveLength(2);
      statements = [];
      const earlyProgress = await progressOf(early);
      expect((earlyProgress as unknown as { pathway: { version: number } }).pathway.version).toBe(
        1,
      );
      expect(statements).toHaveLength(2);
    } finally {
      await app.db.query('DELETE FROM trainee_pathways');
      await app.db.query('DELETE FROM pathway_versions WHERE created_by IS NOT NULL');
    }
  });

  it('should send the same evidence statement for trainees at different stages', async () => {
    const fresh = await factories.newTrainee();
    const busy = await busyTrainee();
    await progressOf(fresh);
    await progressOf(busy);
    statements = [];
    expect((await progressOf(fresh)).currentStage).toBe('msc_course');
    expect((await progressOf(busy)).currentStage).not.toBe('msc_course');
    expect(statements).toHaveLength(4);
    // One text for both: PostgreSQL plans it once per connection.
    expect(statements[1]!.sql).toBe(statements[3]!.sql);
  });
});
