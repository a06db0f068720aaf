import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';
import { tinyPdf } from './applications.fixtures.js';

describe('JSON bodies (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const credentials = JSON.stringify({ email: 'a@example.org', password: 'a-long-password' });

  it('should answer 415 to a text/plain body on a JSON route', async () => {
    const res = await request(app.server)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send(credentials);
    expectProblem(res, 415);
    expect(res.body.detail).toMatch(/^Send the body as application\/json/);
    expect(res.body.errors).toBeUndefined();
  });

  it('should answer 415 to a form or multipart body on a JSON route', async () => {
    expectProblem(
      await request(app.server)
        .post('/api/v1/auth/login')
        .type('form')
        .send({ email: 'a@example.org', password: 'a-long-password' }),
      415,
    );
    const trainee = await factories.newTrainee();
    expectProblem(
      await request(app.server)
        .post('/api/v1/applications')
        .set(trainee.auth)
        .field('kind', 'teacher_training')
        .field('statement', 'Ready.'),
      415,
    );
  });

  it('should still take JSON, with or without a charset, and still list field errors', async () => {
    await request(app.server)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(credentials)
      .expect(401);
    const res = await request(app.server).post('/api/v1/auth/login').send({ email: 'x' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('should leave an empty body to validation (400), and routes without a body alone', async () => {
    const empty = await request(app.server)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain');
    expectProblem(empty, 400);
    const trainee = await factories.newTrainee();
    await request(app.server)
      .post('/api/v1/me/notifications/read-all')
      .set(trainee.auth)
      .set('Content-Type', 'text/plain')
      .send('ignored')
      .expect(204);
  });

  it('should still take multipart on the upload routes', async () => {
    const trainee = await factories.newTrainee();
    const res = await request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'daily_practice_2y')
      .field('statement', 'I have sat daily since 2020.')
      .attach('evidence', tinyPdf(), { filename: 'log.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(res.body).toMatchObject({ kind: 'daily_practice_2y', status: 'pending' });
    // A JSON body there is still refused by the route itself.
    expectProblem(
      await request(app.server)
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .send({ kind: 'daily_practice_2y', statement: 'x' }),
      415,
    );
  });
});
