import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import { SignJWT } from 'jose';
import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

const REGISTER = '/api/v1/auth/register';
const LOGIN = '/api/v1/auth/login';
const JWT_SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

const registration = (i: number, run: string) => ({
  email: `burst-${run}-${i}@example.org`,
  password: 'a-long-password',
  displayName: `Burst ${i}`,
});

async function passwordHashOf(app: TestApp, email: string): Promise<string> {
  const [row] = await app.db.query<{ password_hash: string }>(
    'SELECT password_hash FROM users WHERE email = $1',
    [email],
  );
  return row!.password_hash;
}

/**
 * Fires the registrations at once; every one refused with 503 is sent again after the
 * Retry-After it was given, until none is refused. Returns every status seen.
 */
async function registerAll(app: TestApp, count: number) {
  const run = randomUUID().slice(0, 8);
  const statuses: number[] = [];
  let pending = Array.from({ length: count }, (_, i) => i);
  for (let round = 0; pending.length > 0 && round < 20; round += 1) {
    const answers = await Promise.all(
      pending.map((i) => request(app.server).post(REGISTER).send(registration(i, run))),
    );
    statuses.push(...answers.map((res) => res.status));
    const refused = answers.flatMap((res, k) =>
      res.status === 503 ? [{ res, i: pending[k]! }] : [],
    );
    for (const { res } of refused) {
      expectProblem(res, 503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    if (refused.length === 0) break;
    // Honouring Retry-After is the protocol under test: a client waits as long as it was told.
    await sleep(Math.max(...refused.map(({ res }) => Number(res.headers['retry-after']))) * 1000);
    pending = refused.map(({ i }) => i);
  }
  const [{ n }] = (await app.db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE $1`, [
    `burst-${run}-%`,
  ])) as [{ n: number }];
  return { statuses, registered: n };
}

describe('password hashing under load (e2e)', () => {
  it('should take 30 registrations at once on this machine with no 500, all 30 in', async () => {
    const app = await createTestApp();
    try {
      const { statuses, registered } = await registerAll(app, 30);
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      expect(registered).toBe(30);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('should answer 503 with Retry-After when the hashing queue is full, and take them all after it', async () => {
    const app = await createTestApp({
      env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '3' },
    });
    try {
      const { statuses, registered } = await registerAll(app, 30);
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      // One hashing and three waiting: most of the burst is refused at first.
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
      expect(registered).toBe(30);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('password hashes and access tokens (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp({ env: { JWT_SECRET } });
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it("should hash new passwords with argon2id and OWASP's parameters (19 MiB, t=2, p=1)", async () => {
    await request(app.server)
      .post(REGISTER)
      .send({ email: 'owasp@example.org', password: 'a-long-password', displayName: 'O' })
      .expect(201);
    expect(await passwordHashOf(app, 'owasp@example.org')).toMatch(
      /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/,
    );
  });

  it.each([
    ['argon2id with the old defaults', { type: argon2.argon2id } as const],
    ['argon2i', { type: argon2.argon2i, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const],
  ])('should rehash a password hashed as %s at the next sign-in', async (_name, options) => {
    const user = await factories.newTrainee();
    const old = await argon2.hash(user.password, options);
    await app.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, old]);

    await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);

    const upgraded = await passwordHashOf(app, user.email);
    expect(upgraded).not.toBe(old);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);
    // A wrong password rehashes nothing.
    await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: 'not-the-password' })
      .expect(401);
    expect(await passwordHashOf(app, user.email)).toBe(upgraded);
  });

  const key = new TextEncoder().encode(JWT_SECRET);
  const issuer = () => app.config.JWT_ISSUER;
  const me = (token: string) =>
    request(app.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  it('should accept a well-formed token signed with the key', async () => {
    const user = await factories.newTrainee();
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(issuer())
      .setAudience(`${issuer()}:api`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await me(token).expect(200);
  });

  it('should refuse a token without exp with 401', async () => {
    const user = await factories.newTrainee();
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(issuer())
      .setAudience(`${issuer()}:api`)
      .setIssuedAt()
      .sign(key);
    expectProblem(await me(token), 401);
  });

  it.each([
    ['a sub that is not a UUID', { sub: 'not-a-uuid' }],
    ['a numeric sub', { sub: 42 }],
    ['a sub with SQL in it', { sub: "' OR 1=1 --" }],
    ['exp as a string', { exp: 'tomorrow' }],
    ['iat as a string', { iat: 'now' }],
    ['an array audience of others', { aud: ['someone-else'] }],
    ['a session id that is not a UUID', { sid: 12 }],
  ])('should refuse a token with %s with 401, never 500', async (_name, override) => {
    const user = await factories.newTrainee();
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: user.id,
      iss: issuer(),
      aud: `${issuer()}:api`,
      iat: now,
      exp: now + 300,
      ...override,
    };
    const token = await new SignJWT(claims as Record<string, unknown>)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    expectProblem(await me(token), 401);
  });
});
