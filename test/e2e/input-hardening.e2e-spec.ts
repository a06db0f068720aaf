import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import request from 'supertest';
import { UNPREFIXED_ROUTES } from '@msc/api';
import { Role } from '@msc/kernel';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';
import { wav } from './practicum.fixtures.js';

type Method = 'get' | 'post' | 'put' | 'delete';

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every HTTP route of the running app, found through Nest's discovery. */
function listRoutes(app: TestApp): { method: Method; path: string }[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const unprefixed = new Set(UNPREFIXED_ROUTES.map((r) => r.path));
  const routes: { method: Method; path: string }[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '/');
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as () => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '/');
      for (const prefix of prefixes) {
        for (const path of paths) {
          const local = join(prefix, path);
          routes.push({
            method: RequestMethod[method].toLowerCase() as Method,
            path: unprefixed.has(local.slice(1)) ? local : join('api/v1', local),
          });
        }
      }
    }
  }
  return routes;
}

const IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%00', '..%2F..'];
const BODIES = [
  '[]',
  'null',
  '"x"',
  '{"a":{"b":1}}',
  '{"__proto__":{"x":1}}',
  // A NUL in any text field, and nesting past the depth limit: 400 before any work.
  '{"email":"a\\u0000@example.org","title":"\\u0000","statement":"x\\u0000","note":"\\u0000"}',
  `${'['.repeat(40)}${']'.repeat(40)}`,
];
const REFUSED_BODIES = new Set(BODIES.slice(-2));
const QUERIES = [
  'limit=99999999999999999999',
  'offset=99999999999999999999',
  'offset=1e300',
  'limit=-1',
  'offset=-5',
  'limit=abc',
  'status=bogus',
  'from=2027-02-30',
  'to=2027-13-01',
  'cursor=abc',
  'courseId=not-a-uuid',
  'cohortId=not-a-uuid',
  'traineeId=not-a-uuid',
  'role=bogus',
  'unread=maybe',
  'kind=bogus',
  'limit=1&limit=2',
  'status[]=x',
  'status=%00',
  'q=a%00b',
];

/** Malformed input found by the review: each is a 400 (never a 500, never a hung request). */
describe('malformed input answers 4xx, never 5xx (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should answer no route with a 5xx for malformed ids, bodies and query parameters', async () => {
    const everyone = await factories.newUser({ roles: [Role.Admin, Role.Mentor, Role.Trainee] });
    const failures: string[] = [];
    for (const route of listRoutes(app)) {
      for (const id of IDS) {
        const path = route.path.replace(/:[A-Za-z]+/g, id);
        const res = await request(app.server)[route.method](path).set(everyone.auth);
        if (res.status >= 500) failures.push(`${route.method} ${path} -> ${res.status}`);
        if (route.method === 'get') continue;
        for (const body of BODIES) {
          const call = request(app.server)[route.method](path);
          const sent = await call
            .set(everyone.auth)
            .set('content-type', 'application/json')
            .send(body);
          if (sent.status >= 500)
            failures.push(`${route.method} ${path} ${body} -> ${sent.status}`);
          // Refused by the body parser, before routing, guards or any work.
          if (REFUSED_BODIES.has(body) && sent.status !== 400)
            failures.push(
              `${route.method} ${path} ${body.slice(0, 30)} -> ${sent.status}, not 400`,
            );
        }
      }
      if (route.method !== 'get') continue;
      const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-0000-0000-000000000000');
      for (const query of QUERIES) {
        const res = await request(app.server).get(`${path}?${query}`).set(everyone.auth);
        if (res.status >= 500) failures.push(`get ${path}?${query} -> ${res.status}`);
      }
    }

    expect(failures).toEqual([]);
  }, 300_000);

  it('should answer 400 to an offset past what PostgreSQL can take', async () => {
    const user = await factories.newTrainee();

    for (const offset of ['99999999999999999999', '1e300']) {
      const res = await request(app.server).get(`/api/v1/courses?offset=${offset}`).set(user.auth);

      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'offset' })]);
    }
  });

  it('should answer 400 to ISO 8601 week, ordinal and basic dates that Date cannot read', async () => {
    const admin = await factories.newAdmin();
    const trainee = await factories.newTrainee();
    const mentor = await factories.newMentor();
    const practicumId = await factories.practicum({ traineeId: trainee.id, mentorId: mentor.id });
    const { id: cohortId, sessions } = await factories.cohort({ startedDaysAgo: -30 });
    const session = sessions[0]!;

    for (const heldAt of ['2027-W10', '2026-074', '20260101', '2026-01-01T10Z']) {
      const res = await request(app.server)
        .post(`/api/v1/practicums/${practicumId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'mentoring', heldAt, minutes: 60 });
      expectProblem(res, 400);
    }
    for (const startsAt of ['2027-W10T10:00:00Z', '2026-074T10:00Z']) {
      const res = await request(app.server)
        .put(`/api/v1/cohorts/${cohortId}/sessions/${session.id}`)
        .set(admin.auth)
        .send({ startsAt });
      expectProblem(res, 400);
    }
    const fine = await request(app.server)
      .post(`/api/v1/practicums/${practicumId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'mentoring', heldAt: '2026-01-05T18:00:00+01:00', minutes: 60 });
    expect(fine.status).toBe(201);
  });

  it('should answer 400 to a number JSON writes with an exponent where decimals are limited', async () => {
    const admin = await factories.newAdmin();
    const course = {
      title: 'MSC',
      format: 'msc_8_week',
      sessionCount: 8,
      sessionMinutes: 150,
      completionMinSessions: 7,
    };

    const res = await request(app.server)
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({ ...course, code: 'EXP', ceHours: 1e-7 });

    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual({
      field: 'ceHours',
      message: 'ceHours must be a number with at most 2 decimals',
    });
    const ok = await request(app.server)
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({ ...course, code: 'DEC', ceHours: 24.5 });
    expect(ok.status).toBe(201);
  });

  describe('multipart bodies the parser cannot read', () => {
    const truncatedFile = (field: string) =>
      `--zzz\r\nContent-Disposition: form-data; name="${field}"; filename="a"\r\n\r\n%PDF-1.4`;

    it('should answer 400, promptly and with nothing stored, to an attestation cut off mid-file', async () => {
      const trainee = await factories.newTrainee();

      const res = await request(app.server)
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .set('content-type', 'multipart/form-data; boundary=zzz')
        .timeout(10_000)
        .send(truncatedFile('evidence'));

      expectProblem(res, 400);
      expect(await app.db.query('SELECT id FROM attestations')).toEqual([]);
    });

    it('should answer 400 to an attestation form cut off in a text field', async () => {
      const trainee = await factories.newTrainee();

      const res = await request(app.server)
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .set('content-type', 'multipart/form-data; boundary=zzz')
        .send('--zzz\r\nContent-Disposition: form-data; name="kind"\r\n\r\ngroup_teaching');

      expectProblem(res, 400);
    });

    it('should answer 400 to a recording upload cut off mid-file or without a boundary', async () => {
      const admin = await factories.newAdmin();
      const mentor = await factories.newMentor();
      const trainee = await factories.newTrainee();
      const practicum = await request(app.server)
        .post('/api/v1/practicums')
        .set(admin.auth)
        .send({ traineeId: trainee.id, mentorId: mentor.id });
      const url = `/api/v1/practicums/${practicum.body.id}/recordings`;

      const cut = await request(app.server)
        .post(url)
        .set(trainee.auth)
        .set('content-type', 'multipart/form-data; boundary=zzz')
        .timeout(10_000)
        .send(
          `--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\n${wav(1).toString('latin1')}`,
        );
      const unbounded = await request(app.server)
        .post(url)
        .set(trainee.auth)
        .set('content-type', 'multipart/form-data')
        .send('garbage');

      expectProblem(cut, 400);
      expectProblem(unbounded, 400);
      expect(await app.db.query('SELECT id FROM teaching_recordings')).toEqual([]);
    });
  });
});
