import { createHash } from 'node:crypto';
import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

const LOGIN = '/api/v1/auth/login';
const REGISTER = '/api/v1/auth/register';
const REFRESH = '/api/v1/auth/refresh';
const LOGOUT = '/api/v1/auth/logout';
const WEB = { 'X-MSC-Client': 'web' };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The msc_refresh cookie of a response: its value and attributes. */
function refreshCookie(res: request.Response) {
  const raw = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('msc_refresh='));
  if (!raw) return undefined;
  const [pair, ...attributes] = raw.split(';').map((part) => part.trim());
  return {
    raw,
    value: decodeURIComponent(pair!.slice('msc_refresh='.length)),
    attributes: attributes.map((a) => a.toLowerCase()),
  };
}

describe('browser sessions and refresh rotation (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const login = async (email: string, password: string, headers: Record<string, string> = {}) =>
    request(app.server).post(LOGIN).set(headers).send({ email, password }).expect(200);

  /** Moves every rotation back past the grace window, as if its seconds had gone by. */
  const endGraceWindow = () =>
    app.db.query(
      `UPDATE refresh_tokens SET rotated_at = rotated_at - make_interval(secs => $1)
       WHERE rotated_at IS NOT NULL`,
      [app.config.REFRESH_TOKEN_REUSE_GRACE_SECONDS + 1],
    );

  const familyOf = async (refreshToken: string) => {
    const [row] = await app.db.query<{ family_id: string }>(
      'SELECT family_id FROM refresh_tokens WHERE token_hash = $1',
      [sha256(refreshToken)],
    );
    return row!.family_id;
  };

  describe('grace window of a rotated refresh token', () => {
    it('should let two tabs refresh the same token at once, both staying signed in', async () => {
      const user = await factories.newTrainee();
      const session = await login(user.email, user.password);

      const [first, second] = await Promise.all([
        request(app.server).post(REFRESH).send({ refreshToken: session.body.refreshToken }),
        request(app.server).post(REFRESH).send({ refreshToken: session.body.refreshToken }),
      ]);

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body.refreshToken).not.toBe(second.body.refreshToken);
      // Both successors belong to the same family and both keep working.
      const family = await familyOf(session.body.refreshToken);
      expect(await familyOf(first.body.refreshToken)).toBe(family);
      expect(await familyOf(second.body.refreshToken)).toBe(family);
      for (const tab of [first, second]) {
        await request(app.server)
          .get('/api/v1/me')
          .set('Authorization', `Bearer ${tab.body.accessToken}`)
          .expect(200);
        await request(app.server)
          .post(REFRESH)
          .send({ refreshToken: tab.body.refreshToken })
          .expect(200);
      }
      const reused = await app.db.query(
        `SELECT 1 FROM audit_events WHERE action = 'auth.refresh_token_reused'`,
      );
      expect(reused).toHaveLength(0);
    });

    it('should revoke the family when the rotated token comes back after the window', async () => {
      const user = await factories.newTrainee();
      const session = await login(user.email, user.password);
      const rotated = await request(app.server)
        .post(REFRESH)
        .send({ refreshToken: session.body.refreshToken })
        .expect(200);
      await endGraceWindow();

      const replay = await request(app.server)
        .post(REFRESH)
        .send({ refreshToken: session.body.refreshToken });
      expectProblem(replay, 401);
      expect(replay.body.code).toBe('identity.refresh_token_reused');
      // The successor that was valid a moment ago is revoked with its family.
      expectProblem(
        await request(app.server).post(REFRESH).send({ refreshToken: rotated.body.refreshToken }),
        401,
      );
      const [{ open }] = (await app.db.query(
        'SELECT count(*)::int AS open FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL',
        [await familyOf(session.body.refreshToken)],
      )) as [{ open: number }];
      expect(open).toBe(0);
    });

    it('should not give a sibling for a revoked family, even inside the window', async () => {
      const user = await factories.newTrainee();
      const session = await login(user.email, user.password);
      const rotated = await request(app.server)
        .post(REFRESH)
        .send({ refreshToken: session.body.refreshToken })
        .expect(200);
      await request(app.server)
        .post(LOGOUT)
        .set('Authorization', `Bearer ${rotated.body.accessToken}`)
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(204);

      expectProblem(
        await request(app.server).post(REFRESH).send({ refreshToken: session.body.refreshToken }),
        401,
      );
    });
  });

  describe('cookie transport (X-MSC-Client: web)', () => {
    it('should sign in with the refresh token in an HttpOnly, SameSite=Strict cookie on the auth path only', async () => {
      const user = await factories.newTrainee();
      const res = await login(user.email, user.password, WEB);

      expect(res.body).toEqual({
        user: expect.objectContaining({ id: user.id }),
        accessToken: expect.any(String),
        expiresIn: expect.any(Number),
      });
      const cookie = refreshCookie(res)!;
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookie.attributes).toEqual(
        expect.arrayContaining([
          'httponly',
          'samesite=strict',
          'path=/api/v1/auth',
          `max-age=${app.config.REFRESH_TOKEN_TTL_DAYS * 86_400}`,
        ]),
      );
      // Plain HTTP here: no Secure, or the browser would never send it back.
      expect(cookie.attributes).not.toContain('secure');
      expect(await familyOf(cookie.value)).toEqual(expect.any(String));
    });

    it('should mark the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
      const proxied = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
      try {
        const user = await new Factories(proxied).newTrainee();
        const res = await request(proxied.server)
          .post(LOGIN)
          .set({ ...WEB, 'X-Forwarded-Proto': 'https' })
          .send({ email: user.email, password: user.password })
          .expect(200);
        expect(refreshCookie(res)!.attributes).toContain('secure');
      } finally {
        await proxied.close();
      }
    });

    it('should register a browser with the cookie and no refresh token in the body', async () => {
      const res = await request(app.server)
        .post(REGISTER)
        .set(WEB)
        .send({ email: 'web@example.org', password: 'a-long-password', displayName: 'Web' })
        .expect(201);
      expect(res.body.refreshToken).toBeUndefined();
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(refreshCookie(res)?.value).toEqual(expect.any(String));
    });

    it('should refresh by the cookie with an empty body, rotating the cookie', async () => {
      const user = await factories.newTrainee();
      const signedIn = refreshCookie(await login(user.email, user.password, WEB))!;

      const res = await request(app.server)
        .post(REFRESH)
        .set(WEB)
        .set('Cookie', `msc_refresh=${signedIn.value}`)
        .expect(200);

      expect(res.body).toEqual({
        user: expect.objectContaining({ id: user.id, email: user.email }),
        accessToken: expect.any(String),
        expiresIn: expect.any(Number),
      });
      const next = refreshCookie(res)!;
      expect(next.value).not.toBe(signedIn.value);
      await request(app.server)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      // No body at all works too.
      await request(app.server)
        .post(REFRESH)
        .set(WEB)
        .set('Cookie', `msc_refresh=${next.value}`)
        .send()
        .expect(200);
    });

    it('should refuse a cookie refresh without the X-MSC-Client header with 403 (CSRF), rotating nothing', async () => {
      const user = await factories.newTrainee();
      const cookie = refreshCookie(await login(user.email, user.password, WEB))!;

      const res = await request(app.server)
        .post(REFRESH)
        .set('Cookie', `msc_refresh=${cookie.value}`)
        .send({});
      expectProblem(res, 403);
      const [row] = await app.db.query<{ rotated_at: Date | null }>(
        'SELECT rotated_at FROM refresh_tokens WHERE token_hash = $1',
        [sha256(cookie.value)],
      );
      expect(row!.rotated_at).toBeNull();
    });

    it('should answer 401 and clear the cookie when the cookie is missing or unknown', async () => {
      expectProblem(await request(app.server).post(REFRESH).set(WEB).send({}), 401);
      const res = await request(app.server)
        .post(REFRESH)
        .set(WEB)
        .set('Cookie', 'msc_refresh=not-a-real-token');
      expectProblem(res, 401);
      const cleared = refreshCookie(res)!;
      expect(cleared.value).toBe('');
      expect(cleared.attributes).toContain('path=/api/v1/auth');
    });

    it('should sign out by the cookie alone: 204, the cookie cleared and its family revoked', async () => {
      const user = await factories.newTrainee();
      const cookie = refreshCookie(await login(user.email, user.password, WEB))!;
      const rotated = refreshCookie(
        await request(app.server)
          .post(REFRESH)
          .set(WEB)
          .set('Cookie', `msc_refresh=${cookie.value}`)
          .expect(200),
      )!;

      const res = await request(app.server)
        .post(LOGOUT)
        .set(WEB)
        .set('Cookie', `msc_refresh=${rotated.value}`)
        .expect(204);

      const cleared = refreshCookie(res)!;
      expect(cleared.value).toBe('');
      expect(cleared.attributes).toEqual(
        expect.arrayContaining(['path=/api/v1/auth', 'httponly', 'samesite=strict']),
      );
      expect(cleared.raw).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      const [{ open }] = (await app.db.query(
        'SELECT count(*)::int AS open FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL',
        [await familyOf(rotated.value)],
      )) as [{ open: number }];
      expect(open).toBe(0);
      expectProblem(
        await request(app.server)
          .post(REFRESH)
          .set(WEB)
          .set('Cookie', `msc_refresh=${rotated.value}`),
        401,
      );
    });

    it('should keep bearer clients as they were: tokens in the body, no cookie', async () => {
      const user = await factories.newTrainee();
      const session = await login(user.email, user.password);
      expect(session.body.refreshToken).toEqual(expect.any(String));
      expect(refreshCookie(session)).toBeUndefined();

      const rotated = await request(app.server)
        .post(REFRESH)
        .send({ refreshToken: session.body.refreshToken })
        .expect(200);
      expect(rotated.body.refreshToken).toEqual(expect.any(String));
      expect(refreshCookie(rotated)).toBeUndefined();

      // A bearer logout still needs the access token and the refresh token.
      expectProblem(
        await request(app.server).post(LOGOUT).send({ refreshToken: rotated.body.refreshToken }),
        401,
      );
      expectProblem(
        await request(app.server)
          .post(LOGOUT)
          .set('Authorization', `Bearer ${rotated.body.accessToken}`)
          .send({}),
        400,
      );
      await request(app.server)
        .post(LOGOUT)
        .set('Authorization', `Bearer ${rotated.body.accessToken}`)
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(204);
      expectProblem(
        await request(app.server).post(REFRESH).send({ refreshToken: rotated.body.refreshToken }),
        401,
      );
    });
  });
});
