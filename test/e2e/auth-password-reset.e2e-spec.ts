import { createHash } from 'node:crypto';
import request from 'supertest';
import { PASSWORD_RESET_MINTER } from '@msc/domain/identity';
import { NotificationsService } from '@msc/domain/notifications';
import { QueueName } from '@msc/queue';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';
import { linksOf, type ReceivedMail, TestSmtpServer } from './emails.fixtures.js';

const RESET = '/api/v1/auth/password-reset';
const CONFIRM = '/api/v1/auth/password-reset/confirm';
const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The token of the reset link in an e-mail, checked to be the same in both parts. */
function tokenOf(mail: ReceivedMail, baseUrl: string): string {
  const pattern = new RegExp(
    `${baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/reset-password\\?token=([A-Za-z0-9_-]{43})`,
  );
  const inText = pattern.exec(mail.text)?.[1];
  const inHtml = linksOf(mail.html)
    .map((href) => pattern.exec(href)?.[1])
    .find(Boolean);
  expect(inText).toBeDefined();
  expect(inHtml).toBe(inText);
  return inText!;
}

describe('password reset by e-mail (e2e)', () => {
  let smtpServer: TestSmtpServer;
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    smtpServer = new TestSmtpServer();
    await smtpServer.start();
    // No PUBLIC_BASE_URL: links carry http://localhost:<PORT>.
    app = await createTestApp({ env: { SMTP_URL: smtpServer.url, PORT: '4321' } });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    smtpServer.mails.length = 0;
  });
  afterAll(async () => {
    await app?.close();
    await smtpServer?.stop();
  });

  const ask = (email: string) => request(app.server).post(RESET).send({ email });

  it('should e-mail a known address a one-hour link to the web app, answering 202', async () => {
    expect(app.config.PUBLIC_BASE_URL).toBe('http://localhost:4321');
    const user = await factories.newUser({ displayName: 'Ana Pereira', timeZone: 'Europe/Lisbon' });

    const res = await ask(user.email.toUpperCase()).expect(202);
    expect(res.text).toBe('');
    await app.settle();

    const mails = smtpServer.to(user.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.headers.subject).toBe('Reset your MSC Pathway password');
    expect(mail.text).toMatch(/^Hello Ana Pereira,/);
    expect(mail.html).toContain('Hello Ana Pereira,');
    // When it was asked, in the person's zone, naming the zone.
    expect(mail.text).toMatch(
      /asked on \w+day \d{1,2} \w+ \d{4} at \d{2}:\d{2} \(Europe\/Lisbon\)/,
    );
    expect(mail.text).toContain('Times are shown in Europe/Lisbon');
    const token = tokenOf(mail, 'http://localhost:4321');

    // Only the token's hash is kept, and the token is in no inbox, outbox or job.
    const [reset] = await app.db.query<{ token_hash: string; valid_seconds: number }>(
      `SELECT token_hash, extract(epoch FROM expires_at - created_at)::int AS valid_seconds
       FROM password_resets WHERE user_id = $1`,
      [user.id],
    );
    expect(reset).toEqual({ token_hash: sha256(token), valid_seconds: 3600 });
    const leaks = await app.db.query(
      `SELECT 1 FROM notifications WHERE body LIKE '%' || $1 || '%' OR title LIKE '%' || $1 || '%'
       UNION ALL SELECT 1 FROM outbox WHERE payload::text LIKE '%' || $1 || '%'`,
      [token],
    );
    expect(leaks).toEqual([]);
    const jobs = await app.queue(QueueName.Notifications).getJobs(['completed']);
    expect(jobs.length).toBeGreaterThan(0);
    expect(JSON.stringify(jobs.map((job) => job.data))).not.toContain(token);
    // The inbox tells the person it happened, without the link.
    const inbox = await request(app.server)
      .get('/api/v1/me/notifications')
      .set(user.auth)
      .expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ kind: 'password_reset', title: 'Reset your MSC Pathway password' }),
    ]);
  });

  it('should answer 202 for an unknown address, sending nothing and creating nothing', async () => {
    await factories.newTrainee();
    await ask('nobody@example.org').expect(202);
    await app.settle();
    expect(smtpServer.mails).toHaveLength(0);
    expect(await app.db.query('SELECT 1 FROM password_resets')).toEqual([]);
    const audit = await app.db.query<{ subject: string; details: Record<string, unknown> }>(
      `SELECT subject, details FROM audit_events WHERE action = 'auth.password_reset_requested'`,
    );
    expect(audit).toEqual([
      {
        subject: 'user/unknown',
        details: { emailSha256: sha256('nobody@example.org'), emailed: false, limited: false },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain('nobody@example.org');
  });

  it('should set the new password once, sign every session out, and refuse the token again', async () => {
    const user = await factories.newTrainee();
    const session = await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);
    await ask(user.email).expect(202);
    await app.settle();
    const token = tokenOf(smtpServer.to(user.email)[0]!, app.config.PUBLIC_BASE_URL);

    await request(app.server)
      .post(CONFIRM)
      .send({ token, password: 'my-new-password-1' })
      .expect(204);

    expectProblem(
      await request(app.server).post(REFRESH).send({ refreshToken: session.body.refreshToken }),
      401,
    );
    await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: 'my-new-password-1' })
      .expect(200);
    expectProblem(
      await request(app.server).post(LOGIN).send({ email: user.email, password: user.password }),
      401,
    );
    const again = await request(app.server)
      .post(CONFIRM)
      .send({ token, password: 'my-new-password-2' });
    expectProblem(again, 400);
    expect(again.body.code).toBe('identity.invalid_reset_token');
    await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: 'my-new-password-1' })
      .expect(200);
    const audit = await app.db.query<{ action: string; actor_id: string | null }>(
      `SELECT action, actor_id FROM audit_events
       WHERE action IN ('auth.password_reset_requested', 'auth.password_reset') ORDER BY at`,
    );
    expect(audit).toEqual([
      { action: 'auth.password_reset_requested', actor_id: null },
      { action: 'auth.password_reset', actor_id: user.id },
    ]);
  });

  it('should refuse an expired or unknown token with 400, changing nothing', async () => {
    const user = await factories.newTrainee();
    await ask(user.email).expect(202);
    await app.settle();
    const token = tokenOf(smtpServer.to(user.email)[0]!, app.config.PUBLIC_BASE_URL);
    // An hour and a second later.
    await app.db.query(
      `UPDATE password_resets SET created_at = created_at - interval '3601 seconds',
                                  expires_at = expires_at - interval '3601 seconds'`,
    );

    for (const attempt of [token, 'x'.repeat(43)]) {
      expectProblem(
        await request(app.server)
          .post(CONFIRM)
          .send({ token: attempt, password: 'my-new-password' }),
        400,
      );
    }
    await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);
    expectProblem(
      await request(app.server).post(CONFIRM).send({ password: 'my-new-password' }),
      400,
    );
  });

  it('should void the links of earlier requests once one of them is used', async () => {
    const user = await factories.newTrainee();
    await ask(user.email).expect(202);
    await ask(user.email).expect(202);
    await app.settle();
    const [first, second] = smtpServer
      .to(user.email)
      .map((mail) => tokenOf(mail, app.config.PUBLIC_BASE_URL));
    expect(first).not.toBe(second);

    await request(app.server)
      .post(CONFIRM)
      .send({ token: second, password: 'my-new-password' })
      .expect(204);
    expectProblem(
      await request(app.server).post(CONFIRM).send({ token: first, password: 'other-password-1' }),
      400,
    );
  });

  it('should send at most PASSWORD_RESET_EMAILS_PER_HOUR e-mails an hour to one account, answering 202 throughout', async () => {
    const user = await factories.newTrainee();
    for (let i = 0; i < app.config.PASSWORD_RESET_EMAILS_PER_HOUR + 2; i += 1)
      await ask(user.email).expect(202);
    await app.settle();
    expect(smtpServer.to(user.email)).toHaveLength(app.config.PASSWORD_RESET_EMAILS_PER_HOUR);
  });

  it('should send nothing for a reset that expired before its e-mail went out', async () => {
    const user = await factories.newTrainee();
    // What a worker that is over an hour late finds: the reset's hour is over.
    const [reset] = await app.db.query<{ id: string }>(
      `INSERT INTO password_resets (user_id, created_at, expires_at)
       VALUES ($1, now() - interval '2 hours', now() - interval '1 hour') RETURNING id`,
      [user.id],
    );
    const result = await app.get(NotificationsService).deliver({
      userId: user.id,
      dedupeKey: `password-reset-${reset!.id}`,
      kind: 'password_reset',
      title: 'Reset your MSC Pathway password',
      body: 'Late.',
      email: true,
      secretLink: { minter: PASSWORD_RESET_MINTER, ref: reset!.id },
    });

    expect(result).toBe('delivered');
    expect(smtpServer.to(user.email)).toHaveLength(0);
    const [row] = await app.db.query<{ token_hash: string | null }>(
      'SELECT token_hash FROM password_resets WHERE id = $1',
      [reset!.id],
    );
    expect(row!.token_hash).toBeNull();
    // Handled: a retry of the job sends nothing either.
    await app.get(NotificationsService).deliver({
      userId: user.id,
      dedupeKey: `password-reset-${reset!.id}`,
      kind: 'password_reset',
      title: 'Reset your MSC Pathway password',
      body: 'Late.',
      email: true,
      secretLink: { minter: PASSWORD_RESET_MINTER, ref: reset!.id },
    });
    expect(smtpServer.to(user.email)).toHaveLength(0);
  });
});

describe('password reset rate limit per address (e2e)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ env: { AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE: '3' } });
  });
  afterAll(() => app.close());

  it('should answer 429 with Retry-After once an address asked too often', async () => {
    for (let i = 0; i < 3; i += 1)
      await request(app.server)
        .post(RESET)
        .send({ email: `someone-${i}@example.org` })
        .expect(202);
    const res = await request(app.server).post(RESET).send({ email: 'someone@example.org' });
    expectProblem(res, 429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
