import net from 'node:net';
import request from 'supertest';
import {
  EMAIL_CLAIM_SECONDS,
  EMAIL_FAILURES_IN_A_ROW,
  EmailInFlightError,
  NotificationsService,
} from '@msc/domain/notifications';
import { QueueName } from '@msc/queue';
import { createTestApp, Factories, type TestApp } from '@msc/testing';
import { linksOf, TestSmtpServer } from './emails.fixtures.js';

/** A TCP listener that accepts connections and never greets: an SMTP server that hangs. */
class HungServer {
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((socket) => {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  });

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** Closes the port: every held connection drops and new ones are refused. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const register = (app: TestApp, email: string, displayName = 'Ada Lovelace') =>
  request(app.server)
    .post('/api/v1/auth/register')
    .send({ email, password: 'a-long-password', displayName });

async function deliveryJobs(app: TestApp, dedupeKey: string) {
  const jobs = await app
    .queue(QueueName.Notifications)
    .getJobs(['delayed', 'failed', 'completed', 'waiting', 'active']);
  const ours = jobs.filter((job) => (job.data as { dedupeKey: string }).dedupeKey === dedupeKey);
  return Promise.all(
    ours.map(async (job) => ({
      state: await job.getState(),
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason,
    })),
  );
}

async function inboxRow(app: TestApp, dedupeKey: string) {
  const [row] = await app.db.query<{ user_id: string; emailed_at: Date | null }>(
    'SELECT user_id, emailed_at FROM notifications WHERE dedupe_key = $1',
    [dedupeKey],
  );
  return row;
}

describe('notifications by e-mail (e2e)', () => {
  describe('with a working SMTP server', () => {
    let smtpServer: TestSmtpServer;
    let app: TestApp;
    let factories: Factories;

    beforeAll(async () => {
      smtpServer = new TestSmtpServer();
      await smtpServer.start();
      app = await createTestApp({ env: { SMTP_URL: smtpServer.url } });
      factories = new Factories(app);
    });
    beforeEach(async () => {
      await app.reset();
      smtpServer.mails.length = 0;
      smtpServer.refuse = false;
      smtpServer.refused.clear();
      smtpServer.refusals.length = 0;
    });
    afterAll(async () => {
      await app?.close();
      await smtpServer?.stop();
    });

    it('should e-mail the welcome message once to a user who registers', async () => {
      const res = await register(app, 'ada@example.org').expect(201);
      await app.settle();

      expect(smtpServer.mails).toHaveLength(1);
      const [mail] = smtpServer.mails;
      expect(mail!.to).toEqual(['ada@example.org']);
      expect(mail!.from).toBe('no-reply@localhost');
      expect(mail!.headers.to).toBe('ada@example.org');
      expect(mail!.headers.subject).toBe('Welcome to the MSC teacher pathway');
      expect(mail!.headers['content-type']).toMatch(/^multipart\/alternative/);
      expect(mail!.text).toBe(
        [
          'Hello Ada Lovelace,',
          'Welcome, Ada Lovelace: your account is ready. Your progress page shows your next step.',
          `Open my pathway: ${app.config.PUBLIC_BASE_URL}/`,
          `Times are shown in UTC, the time zone of your profile: ${app.config.PUBLIC_BASE_URL}/profile`,
        ].join('\n\n') + '\nMSC Pathway, Center for Mindful Self-Compassion',
      );
      expect(mail!.html).toContain('Hello Ada Lovelace,');
      expect(mail!.html).toContain('your account is ready.');
      expect(linksOf(mail!.html)).toContain(`${app.config.PUBLIC_BASE_URL}/`);
      const row = await inboxRow(app, `welcome-${res.body.user.id}`);
      expect(row!.emailed_at).toBeInstanceOf(Date);
      // Nothing is left to retry: the job completed and sends nothing more.
      await app.runDelayed(QueueName.Notifications);
      expect(smtpServer.mails).toHaveLength(1);
    });

    it('should send one e-mail when the same delivery runs twice, one after the other or at once', async () => {
      const sut = app.get(NotificationsService);
      const user = await factories.newTrainee();
      const payload = {
        userId: user.id,
        dedupeKey: `test-twice-${user.id}`,
        kind: 'test',
        title: 'Once only',
        body: 'You should see this once.',
        email: true,
      };
      expect(await sut.deliver(payload)).toBe('delivered');
      expect(await sut.deliver(payload)).toBe('already_delivered');
      expect(smtpServer.mails.map((m) => m.to)).toEqual([[user.email]]);

      // At once: the loser finds the e-mail in flight and fails, so that its job retries later.
      const racing = { ...payload, dedupeKey: `test-race-${user.id}`, title: 'Raced' };
      const results = await Promise.allSettled([sut.deliver(racing), sut.deliver(racing)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({
        reason: expect.any(EmailInFlightError),
      });
      expect(await sut.deliver(racing)).toBe('already_delivered');
      expect(smtpServer.mails.filter((m) => m.headers.subject === 'Raced')).toHaveLength(1);
    });

    it('should deliver many at once, each e-mail once, one refused not keeping the others', async () => {
      const sut = app.get(NotificationsService);
      const people = [
        await factories.newTrainee(),
        await factories.newTrainee(),
        await factories.newTrainee(),
      ];
      const batch = people.map((person, i) => ({
        userId: person.id,
        dedupeKey: `test-batch-${i}-${person.id}`,
        kind: 'test',
        title: `Batch ${i}`,
        body: 'One of many.',
        email: true,
      }));
      smtpServer.refused.add(people[1]!.email);

      // The refused e-mail fails the delivery (its job retries) once the others were sent.
      await expect(sut.deliverMany(batch)).rejects.toThrow(/451/);
      expect(smtpServer.mails.map((m) => m.to).sort()).toEqual(
        [[people[0]!.email], [people[2]!.email]].sort(),
      );
      for (const payload of batch) expect(await inboxRow(app, payload.dedupeKey)).toBeDefined();
      expect((await inboxRow(app, batch[1]!.dedupeKey))!.emailed_at).toBeNull();

      // The retry sends only what was refused, and writes no inbox row twice.
      smtpServer.refused.clear();
      expect(await sut.deliverMany(batch)).toEqual([
        'already_delivered',
        'already_delivered',
        'already_delivered',
      ]);
      expect(smtpServer.mails.map((m) => m.headers.subject).sort()).toEqual([
        'Batch 0',
        'Batch 1',
        'Batch 2',
      ]);
      const [{ n }] = (await app.db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE dedupe_key LIKE 'test-batch-%'`,
      )) as [{ n: number }];
      expect(n).toBe(3);
    });

    it('should stop a delivery of many once e-mails fail in a row, and send them all on its retry', async () => {
      const sut = app.get(NotificationsService);
      const people = await Promise.all(
        Array.from({ length: EMAIL_FAILURES_IN_A_ROW + 2 }, () => factories.newTrainee()),
      );
      const batch = people.map((person, i) => ({
        userId: person.id,
        dedupeKey: `test-down-${i}-${person.id}`,
        kind: 'test',
        title: `Down ${i}`,
        body: 'Sent once the server is back.',
        email: true,
      }));
      smtpServer.refuse = true;

      await expect(sut.deliverMany(batch)).rejects.toThrow(/451/);
      // The server is taken for down: the rest wait for the retry rather than for its timeouts.
      expect(smtpServer.refusals).toEqual(
        people.slice(0, EMAIL_FAILURES_IN_A_ROW).map((p) => p.email),
      );
      for (const payload of batch) expect(await inboxRow(app, payload.dedupeKey)).toBeDefined();

      smtpServer.refuse = false;
      await sut.deliverMany(batch);
      expect(smtpServer.mails.map((m) => m.to[0]).sort()).toEqual(
        people.map((p) => p.email).sort(),
      );
    });

    it('should send the e-mail of a worker that died mid-send once its claim expires', async () => {
      const sut = app.get(NotificationsService);
      const user = await factories.newTrainee();
      const payload = {
        userId: user.id,
        dedupeKey: `test-abandoned-${user.id}`,
        kind: 'test',
        title: 'Abandoned',
        body: 'A worker died before sending this.',
        email: true,
      };
      await sut.deliver({ ...payload, email: false });
      // What a worker killed between the claim and the send leaves behind.
      await app.db.query(
        `UPDATE notifications SET email_claimed_at = now() WHERE dedupe_key = $1`,
        [payload.dedupeKey],
      );
      await expect(sut.deliver(payload)).rejects.toBeInstanceOf(EmailInFlightError);
      expect(smtpServer.mails.filter((m) => m.headers.subject === 'Abandoned')).toHaveLength(0);

      await app.db.query(
        `UPDATE notifications SET email_claimed_at = now() - make_interval(secs => $2)
         WHERE dedupe_key = $1`,
        [payload.dedupeKey, EMAIL_CLAIM_SECONDS + 1],
      );
      expect(await sut.deliver(payload)).toBe('already_delivered');
      expect(smtpServer.mails.filter((m) => m.headers.subject === 'Abandoned')).toHaveLength(1);
      const [row] = await app.db.query<{ emailed_at: Date | null; email_claimed_at: Date | null }>(
        'SELECT emailed_at, email_claimed_at FROM notifications WHERE dedupe_key = $1',
        [payload.dedupeKey],
      );
      expect(row).toEqual({ emailed_at: expect.any(Date), email_claimed_at: null });
    });

    it('should not e-mail a notification that is for the inbox only', async () => {
      const user = await factories.newTrainee();
      await app.get(NotificationsService).deliver({
        userId: user.id,
        dedupeKey: `inbox-only-${user.id}`,
        kind: 'test',
        title: 'Inbox only',
        body: 'Not by e-mail.',
      });
      expect(await inboxRow(app, `inbox-only-${user.id}`)).toMatchObject({ emailed_at: null });
      expect(smtpServer.mails).toHaveLength(0);
    });

    it('should keep the inbox row and retry the e-mail when the SMTP server refuses it', async () => {
      smtpServer.refuse = true;
      const res = await register(app, 'grace@example.org', 'Grace Hopper').expect(201);
      const dedupeKey = `welcome-${res.body.user.id}`;
      await app.settle();

      expect(smtpServer.mails).toHaveLength(0);
      expect(await deliveryJobs(app, dedupeKey)).toEqual([
        { state: 'delayed', attemptsMade: 1, failedReason: expect.stringMatching(/451/) },
      ]);
      expect(await inboxRow(app, dedupeKey)).toMatchObject({ emailed_at: null });
      const inbox = await request(app.server)
        .get('/api/v1/me/notifications')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toEqual(['welcome']);

      // Still refused: a second attempt fails too, and nothing is sent or duplicated.
      await app.runDelayed(QueueName.Notifications);
      expect(await deliveryJobs(app, dedupeKey)).toEqual([
        expect.objectContaining({ state: 'delayed', attemptsMade: 2 }),
      ]);

      smtpServer.refuse = false;
      await app.runDelayed(QueueName.Notifications);
      expect(smtpServer.mails.map((m) => [m.to, m.headers.subject])).toEqual([
        [['grace@example.org'], 'Welcome to the MSC teacher pathway'],
      ]);
      expect(await deliveryJobs(app, dedupeKey)).toEqual([
        expect.objectContaining({ state: 'completed', attemptsMade: 3 }),
      ]);
      expect((await inboxRow(app, dedupeKey))!.emailed_at).toBeInstanceOf(Date);
      const [{ n }] = (await app.db.query(
        'SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = $1',
        [dedupeKey],
      )) as [{ n: number }];
      expect(n).toBe(1);

      await app.runDelayed(QueueName.Notifications);
      expect(smtpServer.mails).toHaveLength(1);
    });
  });

  describe('with an SMTP server that hangs, then goes away', () => {
    let hung: HungServer;
    let app: TestApp;

    beforeAll(async () => {
      hung = new HungServer();
      await hung.start();
      app = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${hung.port}` } });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('should answer register at once, keep the inbox row and retry the e-mail later', async () => {
      const started = Date.now();
      const res = await register(app, 'hedy@example.org', 'Hedy Lamarr').expect(201);
      // SMTP never greets (its timeout is 10 s): the request did not wait for it.
      expect(Date.now() - started).toBeLessThan(3000);
      const dedupeKey = `welcome-${res.body.user.id}`;

      // Closing the port drops the hung connection; the next attempt finds the port closed.
      await hung.stop();
      await app.settle();
      const [job] = await deliveryJobs(app, dedupeKey);
      expect(job).toEqual(expect.objectContaining({ state: 'delayed', attemptsMade: 1 }));
      expect(await inboxRow(app, dedupeKey)).toMatchObject({
        user_id: res.body.user.id,
        emailed_at: null,
      });

      const again = Date.now();
      await register(app, 'alan@example.org', 'Alan Turing').expect(201);
      expect(Date.now() - again).toBeLessThan(3000);
      await app.runDelayed(QueueName.Notifications);
      const jobs = await deliveryJobs(app, dedupeKey);
      expect(jobs).toEqual([
        expect.objectContaining({
          state: 'delayed',
          attemptsMade: 2,
          failedReason: expect.stringMatching(/ECONNREFUSED/),
        }),
      ]);
    });
  });
});
