import request from 'supertest';
import { createTestApp, Factories, type TestApp } from '@msc/testing';

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
