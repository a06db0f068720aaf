import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

/** Sends a request through `agent` and resolves with its status and body (or rejects). */
function send(
  port: number,
  agent: http.Agent,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    // The server may answer (and stop reading) before the whole body is written: not our error.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    req.end(options.body);
  });
}

describe('bad input of any shape is a clear 4xx, promptly (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp({ env: { REQUEST_IDLE_TIMEOUT_MS: '1000' } });
    factories = new Factories(app);
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    port = (app.server.address() as AddressInfo).port;
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should refuse a 1 MB deeply nested body as 400, about as fast as a normal request, without stalling /health/live', async () => {
    const deep = '['.repeat(1_000_000);
    const timed = async (run: () => Promise<request.Response>) => {
      const started = performance.now();
      const res = await run();
      return { res, ms: performance.now() - started };
    };
    const normal = await timed(() =>
      request(app.server).post('/api/v1/auth/login').send({ email: 'x' }),
    );

    const [nested, live] = await Promise.all([
      timed(() =>
        request(app.server)
          .post('/api/v1/auth/login')
          .set('content-type', 'application/json')
          .send(deep),
      ),
      timed(() => request(app.server).get('/health/live')),
    ]);

    expect(normal.res.status).toBe(400);
    expectProblem(nested.res, 400);
    expect(nested.res.body.detail).toMatch(/nested deeper than 32 levels/);
    expect(live.res.status).toBe(200);
    // Generous: reading a megabyte costs something, but nothing like the seconds it used to.
    expect(nested.ms).toBeLessThan(20 * normal.ms + 500);
    expect(live.ms).toBeLessThan(20 * normal.ms + 500);
  });

  it('should answer 400 to a NUL character in a JSON text field, in the address and in a form field', async () => {
    const trainee = await factories.newTrainee();
    const nulInJson = await request(app.server)
      .post('/api/v1/auth/register')
      .send({ email: 'nul@example.org', password: 'a-long-password', displayName: 'A\u0000B' });
    const nulInQuery = await request(app.server)
      .get('/api/v1/cohorts?status=open%00')
      .set(trainee.auth);
    const nulInForm = await request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'group_teaching')
      .field('statement', 'I taught\u0000')
      .attach('evidence', Buffer.from('%PDF-1.4\n%%EOF\n'), 'e.pdf');

    expectProblem(nulInJson, 400);
    expect(nulInJson.body.detail).toMatch(/NUL/);
    expectProblem(nulInQuery, 400);
    expectProblem(nulInForm, 400);
    const [users] = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM users WHERE email = 'nul@example.org'`,
    );
    expect(users!.n).toBe('0');
  });

  it('should disconnect a client that stalls mid-body after the idle timeout', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"email":',
    );
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('close', resolve));

    // REQUEST_IDLE_TIMEOUT_MS is 1 s here; a never-ending wait would time the test out.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('should keep the connection usable (or close it cleanly) after an early refusal of a large body', async () => {
    const trainee = await factories.newTrainee();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
      const refusals = [
        // 401: an upload without a token.
        {
          method: 'POST',
          path: '/api/v1/me/attestations',
          headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
          body: big,
        },
        // 413: JSON past BODY_LIMIT_BYTES.
        {
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          body: big,
        },
        // 415: a body of the wrong type on a JSON route.
        {
          method: 'POST',
          path: '/api/v1/me/practice-logs',
          headers: { 'content-type': 'text/plain', ...trainee.auth },
          body: big.subarray(0, 700 * 1024),
        },
      ];
      const statuses: number[] = [];
      for (const refusal of refusals) {
        statuses.push((await send(port, agent, refusal)).status);
        // The next request on the same agent: never ECONNRESET.
        const next = await send(port, agent, { method: 'GET', path: '/health/live' });
        expect(next.status).toBe(200);
      }
      expect(statuses).toEqual([401, 413, 415]);
    } finally {
      agent.destroy();
    }
  });
});
