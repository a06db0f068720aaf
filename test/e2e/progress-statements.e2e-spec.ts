import request from 'supertest';
import type { Logger } from 'typeorm';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@msc/db';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

/**
 * GET /me/progress with the real evaluators of every context, counting every statement the
 * DataSource sends (transaction control included): the access token's user, the pin, and one
 * statement of all the evidence.
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

  it('should read progress in three statements, the evidence of every requirement in one', async () => {
    const trainee = await busyTrainee();
    const first = await progressOf(trainee); // pins the trainee
    statements = [];
    const again = await progressOf(trainee);
    expect(again).toEqual({ ...first, evaluatedAt: expect.any(String) } as never);
    expect(statements).toHaveLength(3);
    const [user, pin, evidence] = statements.map((s) => s.sql);
    expect(user).toMatch(/FROM users WHERE id = \$1/);
    expect(pin).toMatch(/INSERT INTO trainee_pathways/);
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

  it('should send the same evidence statement for trainees at different stages', async () => {
    const fresh = await factories.newTrainee();
    const busy = await busyTrainee();
    await progressOf(fresh);
    await progressOf(busy);
    statements = [];
    expect((await progressOf(fresh)).currentStage).toBe('msc_course');
    expect((await progressOf(busy)).currentStage).not.toBe('msc_course');
    expect(statements).toHaveLength(6);
    // One text for both: PostgreSQL plans it once per connection.
    expect(statements[2]!.sql).toBe(statements[5]!.sql);
  });
});
