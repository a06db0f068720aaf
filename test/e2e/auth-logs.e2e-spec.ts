import request from 'supertest';
import { createTestApp, type TestApp } from '@msc/testing';

describe('secrets in logged addresses (e2e)', () => {
  let app: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(() => app.close());

  it('should log an address without the token of its query', async () => {
    const token = 'Sup3rSecretResetTokenValue_0123456789abcdefg';
    await request(app.server).get(`/api/v1/me?next=%2F&token=${token}&x=1`).expect(401);
    await request(app.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'x' })
      .expect(400);

    const logged = lines.join('');
    expect(logged).toContain('/api/v1/me?next=%2F&token=[redacted]&x=1');
    expect(logged).not.toContain(token);
  });
});
