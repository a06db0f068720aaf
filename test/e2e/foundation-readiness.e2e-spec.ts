import request from 'supertest';
import { createTestApp, TcpProxy, type TestApp } from '@msc/testing';

describe('readiness when a dependency is lost (e2e)', () => {
  // The app reaches the real PostgreSQL and Redis through proxies the test can cut.
  const postgres = new TcpProxy(5432);
  const redis = new TcpProxy(6379);
  let app: TestApp;

  beforeAll(async () => {
    await Promise.all([postgres.start(), redis.start()]);
    const base = await createTestApp();
    const databaseUrl = new URL(base.config.DATABASE_URL);
    await base.close();
    databaseUrl.host = `127.0.0.1:${postgres.port}`;
    app = await createTestApp({
      env: {
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      },
    });
  }, 30_000);
  afterAll(async () => {
    postgres.restore();
    redis.restore();
    await app?.close();
    await Promise.all([postgres.stop(), redis.stop()]);
  }, 30_000);

  async function readyStatus(): Promise<request.Response> {
    return request(app.server).get('/health/ready');
  }

  /** Waits (bounded) for the clients to reconnect after the proxy is back. */
  async function readyAgain(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while ((await readyStatus()).status !== 200) {
      if (Date.now() > deadline) throw new Error('not ready again after the dependency came back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('should answer 503 naming Redis when Redis is unreachable, and 200 once it is back', async () => {
    expect((await readyStatus()).status).toBe(200);

    redis.cut();
    const down = await readyStatus();

    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'down',
      checks: { postgres: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } },
    });
    expect((await request(app.server).get('/health/live')).status).toBe(200);
    redis.restore();
    await readyAgain();
  }, 30_000);

  it('should answer 503 naming PostgreSQL when PostgreSQL is unreachable, and 200 once it is back', async () => {
    expect((await readyStatus()).status).toBe(200);

    postgres.cut();
    const down = await readyStatus();

    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'down',
      checks: { postgres: { status: 'down', error: expect.any(String) }, redis: { status: 'up' } },
    });
    postgres.restore();
    await readyAgain();
  }, 30_000);
});
