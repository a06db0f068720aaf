import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
const ME = '/api/v1/me';
const PASSWORD = '/api/v1/me/password';

describe('account self-service (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (email: string, password: string) =>
    request(app.server).post(LOGIN).send({ email, password });

  describe('PATCH /me', () => {
    it('should change the display name and the time zone, and say so in the audit log', async () => {
      const user = await factories.newTrainee();

      const res = await request(app.server)
        .patch(ME)
        .set(user.auth)
        .send({ displayName: '  Ana Pereira ', timeZone: 'America/Sao_Paulo' })
        .expect(200);

      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        displayName: 'Ana Pereira',
        roles: ['trainee'],
        timeZone: 'America/Sao_Paulo',
      });
      const me = await request(app.server).get(ME).set(user.auth).expect(200);
      expect(me.body).toEqual(res.body);
      const audit = await app.db.query<{ actor_id: string; details: object }>(
        `SELECT actor_id, details FROM audit_events WHERE action = 'user.profile_updated'`,
      );
      expect(audit).toEqual([
        {
          actor_id: user.id,
          details: { displayName: 'Ana Pereira', timeZone: 'America/Sao_Paulo' },
        },
      ]);
    });

    it('should change only what is sent', async () => {
      const user = await factories.newUser({ displayName: 'Kept Name', timeZone: 'Europe/Berlin' });
      const res = await request(app.server)
        .patch(ME)
        .set(user.auth)
        .send({ timeZone: 'Asia/Tokyo' })
        .expect(200);
      expect(res.body).toMatchObject({ displayName: 'Kept Name', timeZone: 'Asia/Tokyo' });
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
      ['an offset instead of a zone', { timeZone: '+02:00' }],
      ['an empty display name', { displayName: '' }],
      ['a display name too long', { displayName: 'x'.repeat(121) }],
      ['an unknown field', { email: 'other@example.org' }],
    ])('should refuse %s with 400 and change nothing', async (_name, body) => {
      const user = await factories.newUser({ displayName: 'Same', timeZone: 'Europe/Lisbon' });
      const res = await request(app.server).patch(ME).set(user.auth).send(body);
      expectProblem(res, 400);
      const me = await request(app.server).get(ME).set(user.auth).expect(200);
      expect(me.body).toMatchObject({
        email: user.email,
        displayName: 'Same',
        timeZone: 'Europe/Lisbon',
      });
    });

    it('should refuse a stranger with 401', async () => {
      expectProblem(await request(app.server).patch(ME).send({ displayName: 'X' }), 401);
    });
  });

  describe('PUT /me/password', () => {
    it('should change the password, keep this session and sign every other session out', async () => {
      const user = await factories.newTrainee();
      const laptop = await login(user.email, user.password).expect(200);
      const phone = await login(user.email, user.password).expect(200);

      await request(app.server)
        .put(PASSWORD)
        .set(bearer(laptop.body.accessToken))
        .send({ currentPassword: user.password, newPassword: 'a-brand-new-password' })
        .expect(204);

      await request(app.server)
        .post(REFRESH)
        .send({ refreshToken: laptop.body.refreshToken })
        .expect(200);
      expectProblem(
        await request(app.server).post(REFRESH).send({ refreshToken: phone.body.refreshToken }),
        401,
      );
      expectProblem(await login(user.email, user.password), 401);
      await login(user.email, 'a-brand-new-password').expect(200);
      const audit = await app.db.query<{ actor_id: string }>(
        `SELECT actor_id FROM audit_events WHERE action = 'user.password_changed'`,
      );
      expect(audit).toEqual([{ actor_id: user.id }]);
    });

    it('should refuse a wrong current password with 403 and change nothing', async () => {
      const user = await factories.newTrainee();
      const session = await login(user.email, user.password).expect(200);

      const res = await request(app.server)
        .put(PASSWORD)
        .set(bearer(session.body.accessToken))
        .send({ currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' });

      expectProblem(res, 403);
      expect(res.body.code).toBe('identity.wrong_password');
      await login(user.email, user.password).expect(200);
      await request(app.server)
        .post(REFRESH)
        .send({ refreshToken: session.body.refreshToken })
        .expect(200);
    });

    it('should refuse a new password shorter than 10 characters with 400', async () => {
      const user = await factories.newTrainee();
      const res = await request(app.server)
        .put(PASSWORD)
        .set(user.auth)
        .send({ currentPassword: user.password, newPassword: 'short' });
      expectProblem(res, 400);
      await login(user.email, user.password).expect(200);
    });

    it('should refuse a stranger with 401', async () => {
      expectProblem(
        await request(app.server)
          .put(PASSWORD)
          .send({ currentPassword: 'whatever-pw', newPassword: 'a-brand-new-password' }),
        401,
      );
    });
  });
});
