import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

describe('identity (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should register a trainee and answer /me with the access token', async () => {
    const registered = await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email: 'Ana@Example.org', password: 'a-long-password', displayName: 'Ana' })
      .expect(201);
    expect(registered.body.user).toEqual({
      id: expect.any(String),
      email: 'ana@example.org',
      displayName: 'Ana',
      roles: ['trainee'],
      timeZone: 'UTC',
    });
    const me = await request(app.server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${registered.body.accessToken}`)
      .expect(200);
    expect(me.body.email).toBe('ana@example.org');
  });

  it('should let an admin create a user', async () => {
    const admin = await factories.newAdmin();
    const res = await request(app.server)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'm@example.org',
        displayName: 'Mo',
        password: 'a-long-password',
        roles: ['mentor'],
      })
      .expect(201);
    expect(res.body.roles).toEqual(['mentor']);
  });
});

const REGISTER = '/api/v1/auth/register';
const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
const LOGOUT = '/api/v1/auth/logout';

const registration = (overrides: Record<string, unknown> = {}) => ({
  email: `p-${randomUUID().slice(0, 8)}@example.org`,
  password: 'a-long-password',
  displayName: 'Pat',
  ...overrides,
});

describe('identity: register, login, tokens (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Moves every rotation back past the grace window, as if its seconds had gone by. */
  const endGraceWindow = () =>
    app.db.query(
      `UPDATE refresh_tokens SET rotated_at = rotated_at - make_interval(secs => $1)
       WHERE rotated_at IS NOT NULL`,
      [app.config.REFRESH_TOKEN_REUSE_GRACE_SECONDS + 1],
    );

  it('should answer a registration with the user and a token pair', async () => {
    const res = await request(app.server)
      .post(REGISTER)
      .send(registration({ email: 'zoe@example.org', timeZone: 'Europe/Lisbon' }))
      .expect(201);

    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: 'zoe@example.org',
        displayName: 'Pat',
        roles: ['trainee'],
        timeZone: 'Europe/Lisbon',
      },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: app.config.ACCESS_TOKEN_TTL_SECONDS,
    });
    const [row] = await app.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [res.body.user.id],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('should refuse an e-mail that exists in another case with 409', async () => {
    await request(app.server)
      .post(REGISTER)
      .send(registration({ email: 'Kim@Example.org' }))
      .expect(201);

    const res = await request(app.server)
      .post(REGISTER)
      .send(registration({ email: 'kim@EXAMPLE.ORG' }));

    expectProblem(res, 409);
    expect(res.body.code).toBe('identity.email_taken');
    expect(await app.db.query('SELECT id FROM users')).toHaveLength(1);
  });

  it.each([
    ['a short password', { password: 'short-pw' }, 'password'],
    ['a malformed e-mail', { email: 'not-an-address' }, 'email'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['a missing display name', { displayName: undefined }, 'displayName'],
    ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ['roles chosen by the registrant', { roles: ['admin'] }, 'roles'],
  ])('should refuse %s with 400 naming the field', async (_case, overrides, field) => {
    const res = await request(app.server).post(REGISTER).send(registration(overrides));

    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([{ field, message: expect.any(String) }]),
    );
    expect(await app.db.query('SELECT id FROM users')).toEqual([]);
  });

  it('should sign in with the e-mail in any case and refuse a wrong password or an unknown e-mail', async () => {
    const user = await factories.newTrainee();

    const ok = await request(app.server)
      .post(LOGIN)
      .send({ email: user.email.toUpperCase(), password: user.password })
      .expect(200);
    const wrong = await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: 'not-the-password' });
    const unknown = await request(app.server)
      .post(LOGIN)
      .send({ email: 'nobody@example.org', password: 'not-the-password' });

    expect(ok.body).toMatchObject({
      user: { id: user.id, email: user.email, roles: ['trainee'] },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    // The two refusals cannot be told apart.
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('should rotate the refresh token into a new working pair', async () => {
    const user = await factories.newTrainee();
    const session = await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);

    const rotated = await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);

    expect(rotated.body).toEqual({
      user: expect.objectContaining({ id: user.id, email: user.email }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
    });
    expect(rotated.body.refreshToken).not.toBe(session.body.refreshToken);
    await request(app.server).get('/api/v1/me').set(bearer(rotated.body.accessToken)).expect(200);
    await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: rotated.body.refreshToken })
      .expect(200);
  });

  it('should refuse a reused refresh token and revoke its whole family', async () => {
    const user = await factories.newTrainee();
    const session = await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);
    const rotated = await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);
    await endGraceWindow();

    const reuse = await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: session.body.refreshToken });
    const newest = await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: rotated.body.refreshToken });

    expectProblem(reuse, 401);
    expect(reuse.body.code).toBe('identity.refresh_token_reused');
    expectProblem(newest, 401);
    const audit = await app.db.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_events WHERE action = 'auth.refresh_token_reused'`,
    );
    expect(audit).toEqual([{ actor_id: user.id }]);
  });

  it('should leave other sessions of the user alone when one family is revoked', async () => {
    const user = await factories.newTrainee();
    const login = () =>
      request(app.server)
        .post(LOGIN)
        .send({ email: user.email, password: user.password })
        .expect(200);
    const [phone, laptop] = [await login(), await login()];
    await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: phone.body.refreshToken })
      .expect(200);
    await endGraceWindow();

    await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: phone.body.refreshToken })
      .expect(401);

    await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: laptop.body.refreshToken })
      .expect(200);
  });

  it('should refuse an unknown refresh token', async () => {
    expectProblem(
      await request(app.server).post(REFRESH).send({ refreshToken: 'made-up-token' }),
      401,
    );
  });

  it('should log out with 204, after which the refresh token is refused', async () => {
    const user = await factories.newTrainee();
    const session = await request(app.server)
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);

    await request(app.server)
      .post(LOGOUT)
      .set(bearer(session.body.accessToken))
      .send({ refreshToken: session.body.refreshToken })
      .expect(204);

    expectProblem(
      await request(app.server).post(REFRESH).send({ refreshToken: session.body.refreshToken }),
      401,
    );
  });

  it('should not let one user log another out', async () => {
    const victim = await factories.newTrainee();
    const other = await factories.newTrainee();
    const session = await request(app.server)
      .post(LOGIN)
      .send({ email: victim.email, password: victim.password })
      .expect(200);

    await request(app.server)
      .post(LOGOUT)
      .set(other.auth)
      .send({ refreshToken: session.body.refreshToken })
      .expect(204);

    await request(app.server)
      .post(REFRESH)
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);
  });

  it('should refuse logout without a token', async () => {
    expectProblem(await request(app.server).post(LOGOUT).send({ refreshToken: 'x' }), 401);
  });

  it('should refuse /me without a token, with a malformed header and with a tampered token', async () => {
    const user = await factories.newTrainee();
    const [header, payload, signature] = user.accessToken.split('.');
    const i = Math.floor(signature!.length / 2);
    const flipped =
      signature!.slice(0, i) + (signature![i] === 'A' ? 'B' : 'A') + signature!.slice(i + 1);

    const none = await request(app.server).get('/api/v1/me');
    const basic = await request(app.server).get('/api/v1/me').set('Authorization', 'Basic abc');
    const tampered = await request(app.server)
      .get('/api/v1/me')
      .set(bearer(`${header}.${payload}.${flipped}`));

    for (const res of [none, basic, tampered]) {
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    await request(app.server).get('/api/v1/me').set(user.auth).expect(200);
  });

  it('should refuse an expired access token and one signed with another key', async () => {
    const user = await factories.newTrainee();
    const [secret] = await app.db.query<{ value: string }>(
      `SELECT value FROM app_secrets WHERE name = 'access_token_hs256'`,
    );
    const sign = (key: Uint8Array, issuedAt: number, expiresAt: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(app.config.JWT_ISSUER)
        .setAudience(`${app.config.JWT_ISSUER}:api`)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const appKey = new TextEncoder().encode(secret!.value);

    const expired = await request(app.server)
      .get('/api/v1/me')
      .set(bearer(await sign(appKey, now - 3600, now - 60)));
    const foreign = await request(app.server)
      .get('/api/v1/me')
      .set(bearer(await sign(new TextEncoder().encode('x'.repeat(64)), now, now + 600)));
    const valid = await request(app.server)
      .get('/api/v1/me')
      .set(bearer(await sign(appKey, now, now + 600)));

    expectProblem(expired, 401);
    expect(expired.body.detail).toMatch(/expired/);
    expectProblem(foreign, 401);
    expect(valid.status).toBe(200);
  });

  it('should refuse the token of a deleted user', async () => {
    const user = await factories.newTrainee();
    await app.db.query('DELETE FROM users WHERE id = $1', [user.id]);

    expectProblem(await request(app.server).get('/api/v1/me').set(user.auth), 401);
  });
});

describe('identity: failed sign-ins per account (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp({ env: { LOGIN_FAILURES_PER_ACCOUNT: '3' } });
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const login = (email: string, password: string) =>
    request(app.server).post(LOGIN).send({ email, password });

  it('should answer 429 with Retry-After after LOGIN_FAILURES_PER_ACCOUNT failures, even to the right password', async () => {
    const user = await factories.newTrainee();
    for (let i = 0; i < 3; i += 1) expectProblem(await login(user.email, 'wrong-password'), 401);

    const limited = await login(user.email.toUpperCase(), user.password);

    expectProblem(limited, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(app.config.LOGIN_FAILURE_WINDOW_SECONDS);
  });

  it('should count failures per account, so that others still sign in', async () => {
    const victim = await factories.newTrainee();
    const other = await factories.newTrainee();
    for (let i = 0; i < 3; i += 1) await login(victim.email, 'wrong-password').expect(401);

    await login(other.email, other.password).expect(200);
  });

  it('should forget earlier failures after a successful sign-in', async () => {
    const user = await factories.newTrainee();
    for (let i = 0; i < 2; i += 1) await login(user.email, 'wrong-password').expect(401);
    await login(user.email, user.password).expect(200);

    for (let i = 0; i < 2; i += 1) await login(user.email, 'wrong-password').expect(401);

    await login(user.email, user.password).expect(200);
  });
});

describe('identity: sign-in requests per address (e2e)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ env: { AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE: '5' } });
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should answer 429 with Retry-After once an address sent more register/login/refresh requests than allowed', async () => {
    const sends = [
      () => request(app.server).post(REGISTER).send(registration()),
      () =>
        request(app.server).post(LOGIN).send({ email: 'a@example.org', password: 'whatever-pw' }),
      () => request(app.server).post(REFRESH).send({ refreshToken: 'unknown' }),
    ];
    for (let i = 0; i < 5; i += 1) expect((await sends[i % 3]!()).status).not.toBe(429);

    for (const send of sends) {
      const res = await send();
      expectProblem(res, 429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
  });

  it('should not count other routes against the address', async () => {
    for (let i = 0; i < 10; i += 1) await request(app.server).get('/api/v1/me').expect(401);

    await request(app.server).post(REGISTER).send(registration()).expect(201);
  });
});

describe('identity: users and roles (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const newUserBody = (roles: string[] = ['mentor']) => ({
    email: `u-${randomUUID().slice(0, 8)}@example.org`,
    displayName: 'New Person',
    password: 'a-long-password',
    roles,
  });

  it('should create a user who can sign in with the given roles', async () => {
    const admin = await factories.newAdmin();
    const body = newUserBody(['mentor', 'trainee', 'mentor']);

    const res = await request(app.server)
      .post('/api/v1/users')
      .set(admin.auth)
      .send(body)
      .expect(201);

    expect(res.body).toEqual({
      id: expect.any(String),
      email: body.email,
      displayName: 'New Person',
      roles: ['mentor', 'trainee'],
      timeZone: 'UTC',
    });
    const login = await request(app.server)
      .post(LOGIN)
      .send({ email: body.email, password: body.password })
      .expect(200);
    expect(login.body.user.roles).toEqual(['mentor', 'trainee']);
  });

  it('should refuse user creation to trainees and mentors (403) and strangers (401)', async () => {
    const trainee = await factories.newTrainee();
    const mentor = await factories.newMentor();

    expectProblem(
      await request(app.server).post('/api/v1/users').set(trainee.auth).send(newUserBody()),
      403,
    );
    expectProblem(
      await request(app.server).post('/api/v1/users').set(mentor.auth).send(newUserBody()),
      403,
    );
    expectProblem(await request(app.server).post('/api/v1/users').send(newUserBody()), 401);
    expect(await app.db.query(`SELECT id FROM users WHERE display_name = 'New Person'`)).toEqual(
      [],
    );
  });

  it('should refuse a user with an unknown role, no role or a taken e-mail', async () => {
    const admin = await factories.newAdmin();
    const post = (body: object) =>
      request(app.server).post('/api/v1/users').set(admin.auth).send(body);

    const unknownRole = await post(newUserBody(['superuser']));
    const noRole = await post(newUserBody([]));
    const taken = await post({ ...newUserBody(), email: admin.email.toUpperCase() });

    expectProblem(unknownRole, 400);
    expect(unknownRole.body.errors[0].field).toMatch(/^roles/);
    expectProblem(noRole, 400);
    expectProblem(taken, 409);
  });

  it('should list users filtered by role', async () => {
    const admin = await factories.newAdmin();
    const mentor = await factories.newMentor();
    await factories.newTrainee();
    const both = await factories.newUser({ roles: [Role.Mentor, Role.Trainee] });

    const mentors = await request(app.server)
      .get('/api/v1/users?role=mentor')
      .set(admin.auth)
      .expect(200);
    const everyone = await request(app.server).get('/api/v1/users').set(admin.auth).expect(200);

    expect(mentors.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [mentor.id, both.id].sort(),
    );
    expect(mentors.body.items[0]).toEqual({
      id: expect.any(String),
      email: expect.any(String),
      displayName: expect.any(String),
      roles: expect.any(Array),
      timeZone: 'UTC',
      deactivatedAt: null,
    });
    expect(everyone.body.items).toHaveLength(4);
    expectProblem(await request(app.server).get('/api/v1/users?role=owner').set(admin.auth), 400);
    expectProblem(await request(app.server).get('/api/v1/users').set(mentor.auth), 403);
  });

  it('should give a new role effect at once, for the same access token', async () => {
    const admin = await factories.newAdmin();
    const trainee = await factories.newTrainee();
    await request(app.server).get('/api/v1/users').set(trainee.auth).expect(403);

    const res = await request(app.server)
      .put(`/api/v1/users/${trainee.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['trainee', 'admin'] })
      .expect(200);

    expect(res.body).toMatchObject({ id: trainee.id, roles: ['admin', 'trainee'] });
    await request(app.server).get('/api/v1/users').set(trainee.auth).expect(200);
    const me = await request(app.server).get('/api/v1/me').set(trainee.auth).expect(200);
    expect(me.body.roles).toEqual(['admin', 'trainee']);
  });

  it('should take a removed role away at once, for the same access token', async () => {
    const admin = await factories.newAdmin();
    const second = await factories.newAdmin();
    await request(app.server).get('/api/v1/users').set(second.auth).expect(200);

    await request(app.server)
      .put(`/api/v1/users/${second.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['mentor'] })
      .expect(200);

    expectProblem(await request(app.server).get('/api/v1/users').set(second.auth), 403);
  });

  it('should answer 404 for an unknown user and 400 for an id that is not a UUID', async () => {
    const admin = await factories.newAdmin();

    expectProblem(
      await request(app.server)
        .put(`/api/v1/users/${randomUUID()}/roles`)
        .set(admin.auth)
        .send({ roles: ['mentor'] }),
      404,
    );
    expectProblem(
      await request(app.server)
        .put('/api/v1/users/42/roles')
        .set(admin.auth)
        .send({ roles: ['mentor'] }),
      400,
    );
  });

  it('should not let the last admin lose the admin role', async () => {
    const admin = await factories.newAdmin();

    const res = await request(app.server)
      .put(`/api/v1/users/${admin.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['trainee'] });

    expectProblem(res, 409);
    expect(res.body.code).toBe('identity.last_admin');
    await request(app.server).get('/api/v1/users').set(admin.auth).expect(200);
  });

  it('should keep one admin when two admins demote each other at the same moment', async () => {
    const first = await factories.newAdmin();
    const second = await factories.newAdmin();

    const results = await Promise.all([
      request(app.server)
        .put(`/api/v1/users/${second.id}/roles`)
        .set(first.auth)
        .send({ roles: ['mentor'] }),
      request(app.server)
        .put(`/api/v1/users/${first.id}/roles`)
        .set(second.auth)
        .send({ roles: ['mentor'] }),
    ]);

    const admins = await app.db.query(`SELECT id FROM users WHERE 'admin' = ANY(roles)`);
    expect(admins).toHaveLength(1);
    expect(results.map((r) => r.status).sort()).toEqual(
      results.some((r) => r.status === 403) ? [200, 403] : [200, 409],
    );
  });

  it('should refuse role changes to non-admins', async () => {
    const mentor = await factories.newMentor();
    const trainee = await factories.newTrainee();

    expectProblem(
      await request(app.server)
        .put(`/api/v1/users/${trainee.id}/roles`)
        .set(mentor.auth)
        .send({ roles: ['admin'] }),
      403,
    );
    expectProblem(
      await request(app.server)
        .put(`/api/v1/users/${trainee.id}/roles`)
        .send({ roles: ['admin'] }),
      401,
    );
  });
});
