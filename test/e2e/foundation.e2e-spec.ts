import { randomUUID } from 'node:crypto';
import request from 'supertest';
import pg from 'pg';
import { abortReason, Outbox, OUTBOX_CHANNEL, OutboxRelay } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import {
  type NotificationMessage,
  NotificationsService,
  Notifier,
} from '@msc/domain/notifications';
import { JobName, QueueName } from '@msc/queue';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

describe('health (e2e)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('should answer /health/live without a token', async () => {
    const res = await request(app.server).get('/health/live').expect(200);

    expect(res.body).toEqual({ status: 'up' });
  });

  it("should send helmet's security headers, on a refusal too", async () => {
    for (const res of [
      await request(app.server).get('/health/live').expect(200),
      await request(app.server).get('/api/v1/me').expect(401),
    ]) {
      expect(res.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
    }
  });

  it('should answer /health/ready with the state of PostgreSQL and Redis', async () => {
    const res = await request(app.server).get('/health/ready').expect(200);

    expect(res.body).toMatchObject({
      status: 'up',
      checks: {
        postgres: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
      },
    });
  });

  it('should not serve health under the API prefix', async () => {
    expectProblem(await request(app.server).get('/api/v1/health/live'), 404);
  });
});

describe('problem+json and OpenAPI (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should answer an unknown route with 404', async () => {
    const res = await request(app.server).get('/api/v1/no-such-thing');

    expectProblem(res, 404);
    expect(res.body.detail).toContain('/api/v1/no-such-thing');
  });

  it('should answer a malformed JSON body with 400', async () => {
    const res = await request(app.server)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@example.org", ');

    expectProblem(res, 400);
  });

  it('should answer a body over BODY_LIMIT_BYTES with 413', async () => {
    const res = await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email: 'a@example.org', password: 'x'.repeat(3000), displayName: 'A' });

    expectProblem(res, 413);
  });

  it('should answer a path parameter that is not a UUID with 400', async () => {
    const admin = await factories.newAdmin();

    const res = await request(app.server).get('/api/v1/users/not-a-uuid').set(admin.auth);

    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/uuid/i);
  });

  it('should answer a query value that does not fit the database type with 400, not 500', async () => {
    const admin = await factories.newAdmin();

    const res = await request(app.server)
      .get('/api/v1/audit-events')
      .query({ cursor: '9999999999999999999' })
      .set(admin.auth);

    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });

  it('should serve the OpenAPI document with the identity paths', async () => {
    const res = await request(app.server).get('/docs-json').expect(200);

    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/me',
        '/api/v1/users',
        '/api/v1/users/{id}/roles',
        '/api/v1/audit-events',
      ]),
    );
    expect(res.body.paths['/api/v1/auth/register'].post).toBeDefined();
    expect(res.body.paths['/api/v1/users/{id}/roles'].put).toBeDefined();
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
  });
});

describe('audit (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  async function auditRows(action: string): Promise<{ actor_id: string; subject: string }[]> {
    return app.db.query('SELECT actor_id, subject FROM audit_events WHERE action = $1', [action]);
  }

  it('should list the creation of a user and its role change, newest first, to admins', async () => {
    const admin = await factories.newAdmin();
    const created = await request(app.server)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'mo@example.org',
        displayName: 'Mo',
        password: 'a-long-password',
        roles: ['trainee'],
      })
      .expect(201);
    await request(app.server)
      .put(`/api/v1/users/${created.body.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['trainee', 'mentor'] })
      .expect(200);

    const res = await request(app.server).get('/api/v1/audit-events').set(admin.auth).expect(200);

    expect(res.body.items).toEqual([
      expect.objectContaining({
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        actorId: admin.id,
        action: 'user.roles_changed',
        subject: `user/${created.body.id}`,
        details: { from: ['trainee'], to: ['mentor', 'trainee'] },
      }),
      expect.objectContaining({
        actorId: admin.id,
        action: 'user.created',
        subject: `user/${created.body.id}`,
      }),
    ]);
  });

  it('should filter by action and page with the cursor', async () => {
    const admin = await factories.newAdmin();
    for (const name of ['a', 'b', 'c']) {
      await request(app.server)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          email: `${name}@example.org`,
          displayName: name,
          password: 'a-long-password',
          roles: ['trainee'],
        })
        .expect(201);
    }

    const first = await request(app.server)
      .get('/api/v1/audit-events')
      .query({ action: 'user.created', limit: 2 })
      .set(admin.auth)
      .expect(200);
    const second = await request(app.server)
      .get('/api/v1/audit-events')
      .query({ action: 'user.created', limit: 2, cursor: first.body.nextCursor })
      .set(admin.auth)
      .expect(200);

    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('should refuse the audit trail to trainees, mentors and strangers', async () => {
    const trainee = await factories.newTrainee();
    const mentor = await factories.newMentor();

    expectProblem(await request(app.server).get('/api/v1/audit-events').set(trainee.auth), 403);
    expectProblem(await request(app.server).get('/api/v1/audit-events').set(mentor.auth), 403);
    expectProblem(await request(app.server).get('/api/v1/audit-events'), 401);
  });

  it('should leave no audit row when the action is refused', async () => {
    const admin = await factories.newAdmin();

    const res = await request(app.server)
      .put(`/api/v1/users/${admin.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['trainee'] });

    expectProblem(res, 409);
    expect(await auditRows('user.roles_changed')).toEqual([]);
  });

  it('should roll the audit row back with the action it records', async () => {
    const admin = await factories.newAdmin();
    const audit = app.get(AuditLog);

    await expect(
      app.db.transaction(async () => {
        await audit.record({ actorId: admin.id, action: 'test.rolled_back', subject: 'test/1' });
        await app.db.query('UPDATE users SET display_name = $2 WHERE id = $1', [
          admin.id,
          'Changed',
        ]);
        throw new Error('the action failed after its audit row was written');
      }),
    ).rejects.toThrow('the action failed');

    expect(await auditRows('test.rolled_back')).toEqual([]);
    const [user] = await app.db.query<{ display_name: string }>(
      'SELECT display_name FROM users WHERE id = $1',
      [admin.id],
    );
    expect(user!.display_name).toBe('Test Admin');
  });

  it('should commit the audit row with the action it records', async () => {
    const admin = await factories.newAdmin();
    const trainee = await factories.newTrainee();

    await request(app.server)
      .put(`/api/v1/users/${trainee.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['mentor'] })
      .expect(200);

    expect(await auditRows('user.roles_changed')).toEqual([
      { actor_id: admin.id, subject: `user/${trainee.id}` },
    ]);
  });

  it('should refuse to update or delete an audit row', async () => {
    const admin = await factories.newAdmin();
    await app.get(AuditLog).record({ actorId: admin.id, action: 'test.kept', subject: 'test/1' });

    await expect(
      app.db.query(`UPDATE audit_events SET action = 'test.forged' WHERE action = 'test.kept'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.db.query(`DELETE FROM audit_events WHERE action = 'test.kept'`),
    ).rejects.toThrow(/append-only/);
    expect(await auditRows('test.kept')).toHaveLength(1);
  });
});

describe('outbox (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const queue = () => app.queue(QueueName.Notifications);
  const notification = (userId: string) => ({
    name: JobName.DeliverNotification as const,
    data: { userId, dedupeKey: `test-${randomUUID()}`, kind: 'test', title: 'Hello', body: 'Body' },
  });

  async function jobsOf(name: JobName) {
    const jobs = await queue().getJobs(['completed', 'waiting', 'active', 'delayed', 'failed']);
    return jobs.filter((job) => job.name === name);
  }

  async function inbox(userId: string) {
    return app.db.query<{ dedupe_key: string }>(
      'SELECT dedupe_key FROM notifications WHERE user_id = $1',
      [userId],
    );
  }

  it('should move a committed job to BullMQ once, with the outbox id as job id', async () => {
    const user = await factories.newTrainee();
    const item = notification(user.id);

    const outboxId = await app.db.transaction(() =>
      app.get(Outbox).add(item, { runOfItsOwn: true }),
    );
    await app.settle();

    const jobs = await jobsOf(JobName.DeliverNotification);
    expect(jobs.map((job) => job.id)).toEqual([outboxId]);
    expect(await jobs[0]!.getState()).toBe('completed');
    expect(jobs[0]!.data).toEqual(item.data);
    const [row] = await app.db.query<{ sent_at: Date | null; job_id: string }>(
      'SELECT sent_at, job_id FROM outbox WHERE id = $1',
      [outboxId],
    );
    expect(row).toEqual({ sent_at: expect.any(Date), job_id: outboxId });
    expect(await inbox(user.id)).toEqual([{ dedupe_key: item.data.dedupeKey }]);
  });

  it('should leave no row and no job when the transaction rolls back', async () => {
    const user = await factories.newTrainee();
    let outboxId: string | undefined;

    await expect(
      app.db.transaction(async () => {
        outboxId = await app.get(Outbox).add(notification(user.id));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await app.settle();

    expect(outboxId).toEqual(expect.any(String));
    expect(await app.db.query('SELECT id FROM outbox')).toEqual([]);
    expect(await queue().getJob(outboxId!)).toBeUndefined();
    expect(await jobsOf(JobName.DeliverNotification)).toEqual([]);
    expect(await inbox(user.id)).toEqual([]);
  });

  it('should wake the relay after a commit, and never for a rollback', async () => {
    const user = await factories.newTrainee();
    const listener = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.channel));
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    try {
      const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));
      await expect(
        app.db.transaction(async () => {
          await app.get(Outbox).add(notification(user.id));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await quiet();
      expect(heard).toEqual([]);

      await app.db.transaction(() => app.get(Outbox).add(notification(user.id)));
      await quiet();
      expect(heard).toEqual([OUTBOX_CHANNEL]);
    } finally {
      await listener.end();
    }
  });

  it('should commit a job written as part of another statement with it, or not at all', async () => {
    const user = await factories.newTrainee();
    const part = app.get(Outbox).part([notification(user.id)], { runOfItsOwn: true });
    const statement = (gate: string) =>
      app.db.query(
        `WITH gate AS (SELECT 1 WHERE ${gate}), job AS (${part.sql('gate', 0)}) SELECT 1`,
        [...part.values],
      );

    await statement('false');
    expect(await app.db.query('SELECT id FROM outbox')).toEqual([]);
    const aborted = await app.db
      .query(
        `WITH gate AS (SELECT 1), job AS (${part.sql('gate', 0)}) SELECT msc_abort('undone')`,
        [...part.values],
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // Its own SQLSTATE: an answer for the caller (abortReason), not a failure of any kind.
    expect(abortReason(aborted)).toBe('undone');
    expect(abortReason(new Error('undone'))).toBeUndefined();
    expect(await app.db.query('SELECT id FROM outbox')).toEqual([]);
    await statement('true');
    await app.settle();
    expect(await jobsOf(JobName.DeliverNotification)).toHaveLength(1);
    expect(await inbox(user.id)).toHaveLength(1);
  });

  it('should write one delivery job over the rows of a statement, each notification made from its row, or none', async () => {
    const [ann, bob] = [await factories.newTrainee(), await factories.newTrainee()];
    const part = app.get(Notifier).partPerRow(
      { kind: 'test', title: 'Hello', email: false },
      {
        userId: { format: '%s', columns: ['user_id'] },
        dedupeKey: { format: 'per-row-%s', columns: ['n'] },
        body: { format: 'Number %s for %s', columns: ['n', 'note'] },
      },
    );
    const statement = (rows: [string, number, string][]) =>
      app.db.query(
        `WITH gate AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, n int, note text)),
              jobs AS (${part.sql('gate', 1)}) SELECT 1`,
        [JSON.stringify(rows.map(([user_id, n, note]) => ({ user_id, n, note }))), ...part.values],
      );

    await statement([]);
    expect(await app.db.query('SELECT id FROM outbox')).toEqual([]);
    // Text is put in as it is, a % or a quote in it included; a person who is not there gets none.
    const nobody = '00000000-0000-4000-8000-000000000000';
    await statement([
      [ann.id, 1, "100% d'accord"],
      [bob.id, 2, '%s'],
      [nobody, 3, 'gone'],
    ]);
    const rows = await app.db.query<{
      id: string;
      job_id: string;
      job_name: string;
      payload: { notifications: Record<string, unknown>[] };
    }>(`SELECT id, job_id, job_name, payload FROM outbox`);
    expect(rows).toHaveLength(1);
    const [job] = rows;
    expect(job!.job_name).toBe(JobName.DeliverNotifications);
    // A run of its own: the outbox row's id is the job's.
    expect(job!.job_id).toBe(job!.id);
    const made = (userId: string, n: number, note: string) => ({
      userId,
      dedupeKey: `per-row-${n}`,
      kind: 'test',
      title: 'Hello',
      body: `Number ${n} for ${note}`,
      email: false,
    });
    expect(
      [...job!.payload.notifications].sort((a, b) =>
        String(a.dedupeKey).localeCompare(String(b.dedupeKey)),
      ),
    ).toEqual([made(ann.id, 1, "100% d'accord"), made(bob.id, 2, '%s'), made(nobody, 3, 'gone')]);
    await app.settle();
    expect(await inbox(ann.id)).toEqual([{ dedupe_key: 'per-row-1' }]);
    expect(await inbox(bob.id)).toEqual([{ dedupe_key: 'per-row-2' }]);
    expect(
      await app.db.query(`SELECT id FROM notifications WHERE dedupe_key = 'per-row-3'`),
    ).toEqual([]);
    // Delivered again (a retried job): nobody is told twice.
    const again = await app
      .get(NotificationsService)
      .deliverMany(job!.payload.notifications as unknown as NotificationMessage[]);
    expect(again.sort()).toEqual(['already_delivered', 'already_delivered', 'unknown_user']);
    expect(await inbox(ann.id)).toEqual([{ dedupe_key: 'per-row-1' }]);
  });

  it('should write one audit record over the rows of a statement, and none for no rows', async () => {
    const part = app
      .get(AuditLog)
      .partOverRows(
        { actorId: null, action: 'test.summed', subject: 'test/1', details: { kept: true } },
        { count: 'things', collect: { names: 'name' } },
      );
    const statement = (names: string[]) =>
      app.db.query(
        `WITH gate AS (SELECT unnest($1::text[]) AS name), audit AS (${part.sql('gate', 1)}) SELECT 1`,
        [names, ...part.values],
      );
    const records = () =>
      app.db.query<{ details: unknown }>(
        `SELECT details FROM audit_events WHERE action = 'test.summed'`,
      );

    await statement([]);
    expect(await records()).toEqual([]);
    await statement(['b', 'a', 'c']);
    expect(await records()).toEqual([
      { details: { kept: true, things: 3, names: ['a', 'b', 'c'] } },
    ]);
  });

  it('should not duplicate a job that a crashed relay sends again before the job ran', async () => {
    const user = await factories.newTrainee();
    const relay = app.get(OutboxRelay);
    await queue().pause();
    try {
      const outboxId = await app.db.transaction(() =>
        app.get(Outbox).add(notification(user.id), { runOfItsOwn: true }),
      );
      await relay.drain();
      // The crash: queue.add succeeded, but marking the row sent never committed.
      await app.db.query('UPDATE outbox SET sent_at = NULL WHERE id = $1', [outboxId]);
      const sentAt = async () =>
        (
          await app.db.query<{ sent_at: Date | null }>('SELECT sent_at FROM outbox WHERE id = $1', [
            outboxId,
          ])
        )[0]!.sent_at;
      // The relay's own wake-up (after the add's commit) may hold the row meanwhile, and a drain
      // skips locked rows: drain until the row is sent again, a few times at most.
      for (let tries = 0; tries < 20 && (await sentAt()) === null; tries++) {
        await relay.drain();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      expect(await sentAt()).toEqual(expect.any(Date));
      expect((await jobsOf(JobName.DeliverNotification)).map((job) => job.id)).toEqual([outboxId]);
    } finally {
      await queue().resume();
    }
    await app.settle();

    const jobs = await jobsOf(JobName.DeliverNotification);
    expect(jobs).toHaveLength(1);
    expect(await jobs[0]!.getState()).toBe('completed');
    expect(await inbox(user.id)).toHaveLength(1);
  });

  it('should not run a job again when a crashed relay re-sends it after it completed', async () => {
    const user = await factories.newTrainee();
    const outboxId = await app.db.transaction(() =>
      app.get(Outbox).add(notification(user.id), { runOfItsOwn: true }),
    );
    await app.settle();
    const before = await queue().getJob(outboxId);

    await app.db.query('UPDATE outbox SET sent_at = NULL WHERE id = $1', [outboxId]);
    await app.settle();

    const jobs = await jobsOf(JobName.DeliverNotification);
    expect(jobs.map((job) => job.id)).toEqual([outboxId]);
    expect(jobs[0]!.finishedOn).toBe(before!.finishedOn);
    expect(jobs[0]!.attemptsMade).toBe(before!.attemptsMade);
  });

  it('should deliver the welcome notification of a registration to the inbox', async () => {
    const registered = await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email: 'welcome@example.org', password: 'a-long-password', displayName: 'Wil' })
      .expect(201);

    await app.settle();

    const res = await request(app.server)
      .get('/api/v1/me/notifications')
      .set('Authorization', `Bearer ${registered.body.accessToken}`)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ kind: 'welcome', title: expect.any(String), readAt: null }),
    ]);
    expect(res.body.items[0].body).toContain('Wil');
  });

  it('should send the welcome notification of a refused registration never', async () => {
    const first = await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email: 'twice@example.org', password: 'a-long-password', displayName: 'Tw' })
      .expect(201);
    await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email: 'TWICE@example.org', password: 'a-long-password', displayName: 'Tw' })
      .expect(409);

    await app.settle();

    expect(await app.db.query('SELECT id FROM outbox')).toHaveLength(1);
    expect(await inbox(first.body.user.id)).toHaveLength(1);
  });
});
