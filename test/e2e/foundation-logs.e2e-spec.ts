import { randomUUID } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { Public } from '@msc/api';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

// Its own file: nestjs-pino keeps one root logger per module registry, made by the first app.
@Controller('foundation-probe')
class ProbeController {
  @Public()
  @Get('crash')
  crash(): never {
    throw new Error('internal detail: connection string postgres://secret@db');
  }
}

describe('unhandled errors and log redaction (e2e)', () => {
  const lines: string[] = [];
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      controllers: [ProbeController],
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    lines.length = 0;
  });
  afterAll(() => app.close());

  const logged = () => lines.join('');

  it('should answer an unhandled error with 500, an error id and no internals', async () => {
    const res = await request(app.server).get('/api/v1/foundation-probe/crash');

    expectProblem(res, 500);
    expect(res.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.detail).toContain(res.body.errorId);
    const body = JSON.stringify(res.body);
    expect(body).not.toMatch(/stack|internal detail|postgres:\/\/|\.ts:\d+/);
    // The error is in the log, under the same id, for whoever investigates.
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.errorId === res.body.errorId);
    expect(entry).toMatchObject({ msg: 'unhandled error', err: expect.anything() });
  });

  it('should keep passwords and bearer tokens of sign-in requests out of the logs', async () => {
    const user = await factories.newTrainee();
    const wrongPassword = `wrong-${randomUUID()}`;

    await request(app.server)
      .post('/api/v1/auth/login')
      .set('Authorization', 'Bearer header-token-that-must-not-be-logged')
      .send({ email: user.email, password: wrongPassword })
      .expect(401);
    const session = await request(app.server)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await request(app.server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .expect(200);

    const output = logged();
    // The requests were logged at all, so the absence below means something.
    expect(output).toContain('/api/v1/auth/login');
    expect(output).toContain('/api/v1/me');
    for (const secret of [
      wrongPassword,
      user.password,
      'header-token-that-must-not-be-logged',
      session.body.accessToken,
      session.body.refreshToken,
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('should redact credentials in anything the code logs', () => {
    const logger = app.get(PinoLogger);

    logger.log(
      {
        body: { email: 'a@example.org', password: 'pw-in-a-body-1234' },
        tokens: { refreshToken: 'refresh-in-a-log', accessToken: 'access-in-a-log' },
        user: { passwordHash: '$argon2id$hash-in-a-log' },
        req: { headers: { authorization: 'Bearer raw-header-in-a-log', cookie: 'sid=cookie' } },
      },
      'something with credentials',
    );

    const output = logged();
    expect(output).toContain('something with credentials');
    expect(output).toContain('a@example.org');
    expect(output).toContain('[redacted]');
    for (const secret of [
      'pw-in-a-body-1234',
      'refresh-in-a-log',
      'access-in-a-log',
      'hash-in-a-log',
      'raw-header-in-a-log',
      'sid=cookie',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
