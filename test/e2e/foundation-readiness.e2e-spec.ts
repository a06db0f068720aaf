import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Outbox } from '@msc/db';
import { JobName } from '@msc/queue';
import {
  createTestApp,
  ensureWorkerDatabase,
  Factories,
  TcpProxy,
  type TestApp,
} from '@msc/testing';

describe('readiness when a dependency is lost (e2e)', () => {
  // The app reaches the real PostgreSQL and Redis through proxies the test can cut.
  const postgres = new TcpProxy(5432);
  const redis = new TcpProxy(6379);
  let app: TestApp;

  beforeAll(async () => {
    await Promise.all([postgres.start(), redis.start()]);
    const databaseUrl = new URL(await ensureWorkerDatabase());
    databaseUrl.host = `127.0.0.1:${postgres.port}`;
    app = await createTestApp({
      env: {
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        // Only LISTEN/NOTIFY wakes the relay here, so that a lost listener shows.
        OUTBOX_POLL_INTERVAL_MS: '600000',
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

  /** Waits, bounded, for something outside the test's control (a reconnection). */
  async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`still waiting for: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits (bounded) for the clients to reconnect after the proxy is back. */
  async function readyAgain(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while ((await readyStatus()).status !== 200) {
      if (Date.now() > deadline) throw new Error('not ready again after the dependency came back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The whole path works again: HTTP, the database, the outbox, BullMQ and the worker. */
  async function expectJobsToFlow(): Promise<void> {
    const email = `back-${Date.now()}@example.org`;
    const registered = await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email, password: 'a-long-password', displayName: 'Back' })
      .expect(201);
    await app.settle();
    const inbox = await request(app.server)
      .get('/api/v1/me/notifications')
      .set('Authorization', `Bearer ${registered.body.accessToken}`)
      .expect(200);
    expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'welcome' })]);
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
    await expectJobsToFlow();
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
    await expectJobsToFlow();
  }, 30_000);

  it('should relay a row committed after a PostgreSQL outage without waiting for the poll', async () => {
    const user = await new Factories(app).newTrainee();

    postgres.cut();
    // Nothing else connects while idle: this is the relay trying to listen again.
    await until('the relay to try to reconnect its listener', () => postgres.refused > 0);
    postgres.restore();
    const outboxId = await app.db.transaction(() =>
      app.get(Outbox).add({
        name: JobName.DeliverNotification,
        data: {
          userId: user.id,
          dedupeKey: `back-${randomUUID()}`,
          kind: 'k',
          title: 't',
          body: 'b',
        },
      }),
    );

    await until('the row to be relayed', async () => {
      const [row] = await app.db.query<{ sent_at: Date | null }>(
        'SELECT sent_at FROM outbox WHERE id = $1',
        [outboxId],
      );
      return row?.sent_at != null;
    });
  }, 30_000);
});
