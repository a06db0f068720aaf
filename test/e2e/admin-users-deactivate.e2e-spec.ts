import request from 'supertest';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

describe('admin finds, deactivates and reactivates people (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
  });
  afterAll(() => app.close());

  const api = () => request(app.server);

  it('should find people by a part of the name or e-mail, a page at a time', async () => {
    await factories.newUser({ displayName: 'Ana Pereira', email: 'ana.p@example.org' });
    await factories.newUser({ displayName: 'Bruno Costa', email: 'bruno@example.org' });
    await factories.newUser({ displayName: 'Carla 100%', email: 'carla@example.org' });

    const byName = await api().get('/api/v1/users?q=pereir').set(admin.auth).expect(200);
    expect(byName.body.items.map((u: { displayName: string }) => u.displayName)).toEqual([
      'Ana Pereira',
    ]);
    expect(byName.body.items[0]).toMatchObject({ email: 'ana.p@example.org', deactivatedAt: null });
    expect(byName.body.total).toBe(1);

    const byEmail = await api().get('/api/v1/users?q=BRUNO@').set(admin.auth).expect(200);
    expect(byEmail.body.items.map((u: { email: string }) => u.email)).toEqual([
      'bruno@example.org',
    ]);

    // % is taken literally, not as a wildcard.
    const literal = await api().get('/api/v1/users?q=%25').set(admin.auth).expect(200);
    expect(literal.body.items.map((u: { displayName: string }) => u.displayName)).toEqual([
      'Carla 100%',
    ]);

    const page = await api().get('/api/v1/users?limit=2&offset=0').set(admin.auth).expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
  });

  it('should stop sign-in, refresh and access tokens of a deactivated person and keep their records', async () => {
    const person = await factories.newTrainee();
    const login = await api()
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: person.password })
      .expect(200);
    const { accessToken, refreshToken } = login.body as {
      accessToken: string;
      refreshToken: string;
    };
    await api()
      .get('/api/v1/me')
      .set({ Authorization: `Bearer ${accessToken}` })
      .expect(200);

    const deactivated = await api()
      .post(`/api/v1/users/${person.id}/deactivate`)
      .set(admin.auth)
      .expect(200);
    expect(deactivated.body).toMatchObject({ id: person.id, email: person.email });
    expect(typeof deactivated.body.deactivatedAt).toBe('string');

    const refused = await api()
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: person.password })
      .expect(401);
    expect(refused.body.detail).toMatch(/deactivated/);
    // A wrong password says nothing about the account's state.
    const wrong = await api()
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'not-the-password' })
      .expect(401);
    expect(wrong.body.detail).not.toMatch(/deactivated/);

    const me = await api()
      .get('/api/v1/me')
      .set({ Authorization: `Bearer ${accessToken}` })
      .expect(401);
    expect(me.body.detail).toMatch(/deactivated/);
    await api().post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
    const tokens = await app.db.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM refresh_tokens WHERE user_id = $1',
      [person.id],
    );
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.revoked_at !== null)).toBe(true);

    // The records stay: the person is still listed and readable.
    await api().get(`/api/v1/users/${person.id}`).set(admin.auth).expect(200);
    const listed = await api().get(`/api/v1/users?q=${person.email}`).set(admin.auth).expect(200);
    expect(listed.body.items[0].deactivatedAt).toBe(deactivated.body.deactivatedAt);

    const reactivated = await api()
      .post(`/api/v1/users/${person.id}/reactivate`)
      .set(admin.auth)
      .expect(200);
    expect(reactivated.body.deactivatedAt).toBeNull();
    await api()
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: person.password })
      .expect(200);

    const audit = await app.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_events WHERE subject = $1 AND action LIKE 'user.%activated'
       ORDER BY at`,
      [`user/${person.id}`],
    );
    expect(audit).toEqual([
      { action: 'user.deactivated', actor_id: admin.id },
      { action: 'user.reactivated', actor_id: admin.id },
    ]);
  });

  it('should refuse an admin deactivating themselves, an unknown person and a non-admin', async () => {
    const self = await api()
      .post(`/api/v1/users/${admin.id}/deactivate`)
      .set(admin.auth)
      .expect(409);
    expect(self.body.detail).toMatch(/your own account/);
    await api().get('/api/v1/me').set(admin.auth).expect(200);

    await api()
      .post('/api/v1/users/00000000-0000-4000-8000-000000000000/deactivate')
      .set(admin.auth)
      .expect(404);
    await api().post('/api/v1/users/not-a-uuid/deactivate').set(admin.auth).expect(400);

    const trainee = await factories.newTrainee();
    const other = await factories.newTrainee();
    await api().post(`/api/v1/users/${other.id}/deactivate`).set(trainee.auth).expect(403);
    await api().get(`/api/v1/me`).set(other.auth).expect(200);
  });
});
