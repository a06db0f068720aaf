import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createTestApp,
  ensureWorkerDatabase,
  expectProblem,
  Factories,
  TcpProxy,
  type TestApp,
} from '@msc/testing';

/** A 503 problem that says when to come back, never a 500. */
function expectUnavailable(res: request.Response, dependency: 'postgres' | 'redis'): void {
  expectProblem(res, 503);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body).toMatchObject({ dependency, title: 'Service Unavailable' });
  expect(res.body.errorId).toBeUndefined();
}

describe('a dependency down or saturated answers 503 with Retry-After (e2e)', () => {
  describe('the database pool exhausted', () => {
    let app: TestApp;
    let factories: Factories;

    beforeAll(async () => {
      // One connection, and a short wait for it: what 30 registrations at once met, made certain.
      app = await createTestApp({
        env: { DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '200' },
      });
      factories = new Factories(app);
    });
    afterAll(() => app.close());

    it('should answer 503 while every connection is taken, and 200 once one is free', async () => {
      const trainee = await factories.newTrainee();
      const holding = app.get(DataSource).query('SELECT pg_sleep(2)');

      const res = await request(app.server).get('/api/v1/courses').set(trainee.auth);
      await holding;

      expectUnavailable(res, 'postgres');
      await request(app.server).get('/api/v1/courses').set(trainee.auth).expect(200);
    });
  });

  describe('PostgreSQL and Redis unreachable', () => {
    const postgres = new TcpProxy(5432);
    const redis = new TcpProxy(6379);
    let app: TestApp;
    let factories: Factories;

    beforeAll(async () => {
      await Promise.all([postgres.start(), redis.start()]);
      const databaseUrl = new URL(await ensureWorkerDatabase());
      databaseUrl.host = `127.0.0.1:${postgres.port}`;
      app = await createTestApp({
        env: {
          DATABASE_URL: databaseUrl.toString(),
          REDIS_URL: `redis://127.0.0.1:${redis.port}`,
          DATABASE_CONNECT_TIMEOUT_MS: '1000',
        },
      });
      factories = new Factories(app);
    }, 30_000);
    afterEach(async () => {
      postgres.restore();
      redis.restore();
      // Back to ready before the next test (and before closing: the queues reconnect first).
      const deadline = Date.now() + 20_000;
      while ((await request(app.server).get('/health/ready')).status !== 200) {
        if (Date.now() > deadline)
          throw new Error('not ready again after the dependency came back');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }, 30_000);
    afterAll(async () => {
      await app?.close();
      await Promise.all([postgres.stop(), redis.stop()]);
    }, 30_000);

    it('should answer 503 while PostgreSQL refuses connections, and 200 once it is back', async () => {
      const trainee = await factories.newTrainee();
      await request(app.server).get('/api/v1/courses').set(trainee.auth).expect(200);

      postgres.cut();
      const down = await request(app.server).get('/api/v1/courses').set(trainee.auth);
      const stillAlive = await request(app.server).get('/health/live');
      postgres.restore();

      expectUnavailable(down, 'postgres');
      expect(stillAlive.status).toBe(200);
      const deadline = Date.now() + 15_000;
      let again = await request(app.server).get('/api/v1/courses').set(trainee.auth);
      while (again.status !== 200 && Date.now() < deadline) {
        expect(again.status).toBe(503);
        again = await request(app.server).get('/api/v1/courses').set(trainee.auth);
      }
      expect(again.status).toBe(200);
    });

    it('should answer 503 to a rate-limited sign-in while Redis is unreachable', async () => {
      const admin = await factories.newAdmin();
      await request(app.server).get('/api/v1/admin/jobs').set(admin.auth).expect(200);

      redis.cut();
      const login = await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email: admin.email, password: admin.password });
      redis.restore();

      expectUnavailable(login, 'redis');
      // Jobs flow again once it is back (the workers reconnected).
      const deadline = Date.now() + 20_000;
      while ((await request(app.server).get('/health/ready')).status !== 200) {
        if (Date.now() > deadline) throw new Error('not ready again after Redis came back');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email: admin.email, password: admin.password })
        .expect(200);
      await app.settle(20_000);
    }, 30_000);
  });
});
