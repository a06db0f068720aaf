import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, type TestApp, WorkerProcess } from '@msc/testing';
import { demoLogins, seedDemo, UPCOMING_CAPACITY } from '@msc/cli';

/** The whole demo seed, through a worker of its own process: allow it time. */
const SEED_TIMEOUT_MS = 400_000;

/**
 * `npm run seed:demo` beside `npm start`: the seed script runs as its own process while a worker
 * process serves the same database and Redis; it leaves the jobs to that worker and succeeds. What
 * it made is then checked through the API and the database (one seed for all, as it is slow).
 */
describe('the demo seed (e2e, real processes)', () => {
  let app: TestApp;
  const processes: WorkerProcess[] = [];
  let seed: { code: number | null; log: string };
  const logins = demoLogins();

  beforeAll(async () => {
    app = await createTestApp({ role: 'api' });
    const worker = await WorkerProcess.start(app.config);
    processes.push(worker);
    const script = await WorkerProcess.start(app.config, {
      entry: 'apps/cli/src/seed-demo.ts',
      env: { LOG_LEVEL: 'warn' },
    });
    processes.push(script);
    seed = { code: await script.exited, log: script.log };
    await worker.stop();
  }, SEED_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await app.close();
  });

  it('should seed without processing jobs itself, the running worker doing them', async () => {
    expect({ code: seed.code, log: seed.log.slice(-2000) }).toMatchObject({ code: 0 });
    expect(seed.log).toMatch(/A worker is running on this database and Redis/);
    expect(seed.log).toMatch(/Demo data created/);
    const [state] = await app.db.query<{ completed: number; credentials: number }>(
      `SELECT (SELECT count(*)::int FROM cohorts WHERE status = 'completed') AS completed,
              (SELECT count(*)::int FROM credentials) AS credentials`,
    );
    expect(state).toEqual({ completed: 6, credentials: 3 });
  });

  const login = async (email: string, password: string) => {
    const res = await request(app.server)
      .post('/api/v1/auth/login')
      .send({ email, password })
      .expect(200);
    return { Authorization: `Bearer ${res.body.accessToken as string}` };
  };

  it('should create a trainee in every stage, as their own progress reports it', async () => {
    const trainees = logins.filter((l) => l.role === Role.Trainee);
    expect(trainees.map((t) => t.stage)).toEqual([
      'msc_course',
      'personal_practice',
      'teacher_training',
      'practicum',
      'certification',
      null,
    ]);
    for (const trainee of trainees) {
      const res = await request(app.server)
        .get('/api/v1/me/progress')
        .set(await login(trainee.email, trainee.password))
        .expect(200);
      expect({ email: trainee.email, currentStage: res.body.currentStage }).toEqual({
        email: trainee.email,
        currentStage: trainee.stage,
      });
    }
  });

  it('should give the trained and certified teachers their designations and credentials', async () => {
    const rows = await app.db.query<{ email: string; designation: string; credentials: string }>(
      `SELECT u.email, d.designation,
              (SELECT count(*) FROM credentials c WHERE c.designation_id = d.id) AS credentials
       FROM designations d JOIN users u ON u.id = d.trainee_id
       ORDER BY u.email, d.designation`,
    );
    const [trained, certified] = logins
      .filter((l) => l.stage === 'certification' || (l.role === Role.Trainee && l.stage === null))
      .map((l) => l.email);
    expect(rows).toEqual([
      { email: certified, designation: 'certified_teacher', credentials: '1' },
      { email: certified, designation: 'trained_teacher', credentials: '1' },
      { email: trained, designation: 'trained_teacher', credentials: '1' },
    ]);
  });

  it('should leave past cohorts completed with CE credits, and an upcoming one with a waitlist', async () => {
    const cohorts = await app.db.query<{
      title: string;
      status: string;
      enrolled: string;
      waitlisted: string;
      credits: string;
    }>(
      `SELECT c.title, c.status,
              count(*) FILTER (WHERE e.status = 'enrolled') AS enrolled,
              count(*) FILTER (WHERE e.status = 'waitlisted') AS waitlisted,
              (SELECT count(*) FROM ce_credits cc WHERE cc.cohort_id = c.id) AS credits
       FROM cohorts c LEFT JOIN enrollments e ON e.cohort_id = c.id
       GROUP BY c.id ORDER BY c.start_date`,
    );
    const completed = cohorts.filter((c) => c.status === 'completed');
    expect(completed).toHaveLength(6);
    const ceCohorts = completed.filter((c) => Number(c.credits) > 0);
    expect(ceCohorts).toHaveLength(4);
    const upcoming = cohorts.find((c) => c.title === 'MSC online, next season');
    expect(upcoming).toMatchObject({
      status: 'open',
      enrolled: String(UPCOMING_CAPACITY),
      waitlisted: '2',
    });
  });

  it('should add nothing when run again', async () => {
    const count = async () =>
      (
        await app.db.query<{ users: string; cohorts: string; enrollments: string }>(
          `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM cohorts) AS cohorts,
                  (SELECT count(*) FROM enrollments) AS enrollments`,
        )
      )[0];
    const before = await count();
    const again = await seedDemo(app);
    expect(again.outcome).toBe('already_seeded');
    expect(await count()).toEqual(before);
  });
});
