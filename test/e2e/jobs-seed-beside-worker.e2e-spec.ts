import { createTestApp, type TestApp, WorkerProcess } from '@msc/testing';

/** A worker boot, and the whole demo seed through a queue another process serves. */
const TEST_TIMEOUT_MS = 400_000;

/**
 * `npm run seed:demo` beside `npm start`: the seed script runs as its own process while a worker
 * process serves the same database and Redis; it leaves the jobs to that worker and succeeds.
 */
describe('the demo seed beside a running worker (e2e, real processes)', () => {
  let app: TestApp;
  const processes: WorkerProcess[] = [];

  beforeAll(async () => {
    app = await createTestApp({ role: 'api' });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await app.close();
  });

  it(
    'should seed without processing jobs itself, the running worker doing them',
    async () => {
      const worker = await WorkerProcess.start(app.config);
      processes.push(worker);

      const seed = await WorkerProcess.start(app.config, {
        entry: 'apps/cli/src/seed-demo.ts',
        env: { LOG_LEVEL: 'warn' },
      });
      processes.push(seed);
      const code = await seed.exited;

      expect({ code, log: seed.log.slice(-2000) }).toMatchObject({ code: 0 });
      expect(seed.log).toMatch(/A worker is running on this database and Redis/);
      expect(seed.log).toMatch(/Demo data created/);
      const [state] = await app.db.query<{ completed: number; credentials: number }>(
        `SELECT (SELECT count(*)::int FROM cohorts WHERE status = 'completed') AS completed,
                (SELECT count(*)::int FROM credentials) AS credentials`,
      );
      expect(state).toEqual({ completed: 6, credentials: 3 });
      await worker.stop();
    },
    TEST_TIMEOUT_MS,
  );
});
