import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import request from 'supertest';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { tinyPdf } from './applications.fixtures.js';

/**
 * The response DTOs tell the truth: real answers of the running app, for a trainee, a mentor and
 * an admin going through the main routes (and their refusals), are checked against the schema
 * /docs-json declares for that operation and status. A body field the DTO does not declare, a
 * declared required field that is missing, or a wrong type fails, so the web app's generated
 * types cannot drift from what the API sends.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Document {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Each journey does many requests on a shared machine. */
const STEP_TIMEOUT = 120_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where `value` departs from `schema` (OpenAPI 3.0 as @nestjs/swagger writes it), one per line. */
export function schemaErrors(
  document: Document,
  schema: Schema,
  value: unknown,
  at = '$',
): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) return [`${at}: unknown schema ${name}`];
    return schemaErrors(
      document,
      { ...target, nullable: schema.nullable ?? target.nullable },
      value,
      at,
    );
  }
  if (value === null) return schema.nullable ? [] : [`${at}: null, not declared nullable`];
  if (schema.allOf) return schema.allOf.flatMap((part) => schemaErrors(document, part, value, at));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    return alternatives.some((part) => schemaErrors(document, part, value, at).length === 0)
      ? []
      : [`${at}: matches none of its alternatives`];
  }
  if (schema.enum && !schema.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type ?? 'none') {
    case 'string':
      if (typeof value !== 'string') return [`${at}: ${typeof value}, declared a string`];
      if (schema.format === 'date-time' && !ISO_DATE_TIME.test(value))
        return [`${at}: ${value} is not a date-time`];
      if (schema.format === 'date' && !ISO_DATE.test(value))
        return [`${at}: ${value} is not a date`];
      if (schema.format === 'uuid' && !UUID.test(value)) return [`${at}: ${value} is not a uuid`];
      return [];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: ${typeof value}, declared a number`];
    case 'integer':
      return Number.isInteger(value)
        ? []
        : [`${at}: ${JSON.stringify(value)}, declared an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: ${typeof value}, declared a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return value.flatMap((item, i) =>
        schema.items ? schemaErrors(document, schema.items, item, `${at}[${i}]`) : [],
      );
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      const errors = (schema.required ?? [])
        .filter((key) => !(key in record))
        .map((key) => `${at}.${key}: required, missing`);
      for (const [key, member] of Object.entries(record)) {
        const declared = properties[key];
        if (declared) errors.push(...schemaErrors(document, declared, member, `${at}.${key}`));
        else if (typeof schema.additionalProperties === 'object')
          errors.push(
            ...schemaErrors(document, schema.additionalProperties, member, `${at}.${key}`),
          );
        else if (schema.additionalProperties !== true) errors.push(`${at}.${key}: not declared`);
      }
      return errors;
    }
    default:
      return [];
  }
}

describe('OpenAPI response bodies (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let document: Document;
  const checked = new Set<string>();

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
    document = (await request(app.server).get('/docs-json').expect(200)).body as Document;
  }, 60_000);
  beforeEach(() => app.reset());
  afterAll(() => app?.close());

  /** Asserts that the answer is the one the document declares for this operation and status. */
  function expectDescribed(
    res: request.Response,
    method: string,
    path: string,
    status?: number,
  ): request.Response {
    if (status !== undefined && res.status !== status) {
      throw new Error(`${method} ${path}: ${res.status}, expected ${status}: ${res.text}`);
    }
    const operation = document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not in the document`);
    const response = operation.responses?.[String(res.status)];
    if (!response) throw new Error(`${method} ${path} does not declare a ${res.status} answer`);
    checked.add(`${method} ${path} ${res.status}`);
    if (res.status === 204) return res;
    const mediaType = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const declared = Object.entries(response.content ?? {}).find(
      ([type]) =>
        type === mediaType || (type.endsWith('/*') && mediaType.startsWith(type.slice(0, -1))),
    );
    if (!declared) {
      throw new Error(
        `${method} ${path} ${res.status}: answered ${mediaType}, declared ${Object.keys(response.content ?? {}).join(', ') || 'no body'}`,
      );
    }
    const schema = declared[1].schema;
    if (schema && /json$/.test(mediaType)) {
      expect({
        [`${method} ${path} ${res.status}`]: schemaErrors(document, schema, res.body),
      }).toEqual({ [`${method} ${path} ${res.status}`]: [] });
    }
    return res;
  }

  const day = (daysFromToday: number) => DateTime.utc().plus({ days: daysFromToday }).toISODate()!;

  async function newCourse(admin: TestUser) {
    const res = await request(app.server)
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `MSC-${randomUUID().slice(0, 6)}`,
        title: 'Mindful Self-Compassion',
        format: 'msc_8_week',
        sessionCount: 8,
        sessionMinutes: 150,
        completionMinSessions: 7,
        ceHours: 24,
        ceAccreditor: 'APA',
      });
    return expectDescribed(res, 'POST', '/api/v1/courses', 201).body as { id: string };
  }

  async function newCohort(admin: TestUser, courseId: string, startDate: string) {
    const res = await request(app.server).post('/api/v1/cohorts').set(admin.auth).send({
      courseId,
      title: 'Tuesday evenings',
      startDate,
      localTime: '18:30',
      timeZone: 'America/New_York',
      capacity: 20,
      ceEligible: true,
    });
    expectDescribed(res, 'POST', '/api/v1/cohorts', 201);
    await app.settle();
    const cohort = await request(app.server).get(`/api/v1/cohorts/${res.body.id}`).set(admin.auth);
    return expectDescribed(cohort, 'GET', '/api/v1/cohorts/{id}', 200).body as {
      id: string;
      sessions: { id: string }[];
    };
  }

  it(
    'identity: registering, signing in, refreshing, the profile, users and refusals',
    async () => {
      const email = `ana-${randomUUID().slice(0, 8)}@example.org`;
      const registered = expectDescribed(
        await request(app.server)
          .post('/api/v1/auth/register')
          .send({ email, password: 'a long enough password', displayName: 'Ana' }),
        'POST',
        '/api/v1/auth/register',
        201,
      );
      const auth = { Authorization: `Bearer ${registered.body.accessToken}` };
      expectDescribed(
        await request(app.server)
          .post('/api/v1/auth/register')
          .send({ email, password: 'a long enough password', displayName: 'Ana' }),
        'POST',
        '/api/v1/auth/register',
        409,
      );
      const login = expectDescribed(
        await request(app.server)
          .post('/api/v1/auth/login')
          .send({ email, password: 'a long enough password' }),
        'POST',
        '/api/v1/auth/login',
        200,
      );
      expectDescribed(
        await request(app.server)
          .post('/api/v1/auth/login')
          .send({ email, password: 'wrong one!!' }),
        'POST',
        '/api/v1/auth/login',
        401,
      );
      expectDescribed(
        await request(app.server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: login.body.refreshToken }),
        'POST',
        '/api/v1/auth/refresh',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me').set(auth),
        'GET',
        '/api/v1/me',
        200,
      );
      expectDescribed(await request(app.server).get('/api/v1/me'), 'GET', '/api/v1/me', 401);
      expectDescribed(
        await request(app.server).patch('/api/v1/me').set(auth).send({ timeZone: 'Europe/Lisbon' }),
        'PATCH',
        '/api/v1/me',
        200,
      );
      expectDescribed(
        await request(app.server).patch('/api/v1/me').set(auth).send({ timeZone: 'Mars/Olympus' }),
        'PATCH',
        '/api/v1/me',
        400,
      );
      const admin = await factories.newAdmin();
      expectDescribed(
        await request(app.server).get('/api/v1/users').set(admin.auth),
        'GET',
        '/api/v1/users',
        200,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/users/${registered.body.user.id}`).set(admin.auth),
        'GET',
        '/api/v1/users/{id}',
        200,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/users/${randomUUID()}`).set(admin.auth),
        'GET',
        '/api/v1/users/{id}',
        404,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/users').set(auth),
        'GET',
        '/api/v1/users',
        403,
      );
      await app.settle();
      expectDescribed(
        await request(app.server).get('/api/v1/audit-events').set(admin.auth),
        'GET',
        '/api/v1/audit-events',
        200,
      );
      expectDescribed(await request(app.server).get('/health/live'), 'GET', '/health/live', 200);
      expectDescribed(await request(app.server).get('/health/ready'), 'GET', '/health/ready', 200);
    },
    STEP_TIMEOUT,
  );

  it(
    'courses: a course, cohorts, teachers, enrollments, attendance and the calendar',
    async () => {
      const admin = await factories.newAdmin();
      const mentor = await factories.newMentor();
      const trainee = await factories.newTrainee();
      const course = await newCourse(admin);
      expectDescribed(
        await request(app.server).get('/api/v1/courses').set(trainee.auth),
        'GET',
        '/api/v1/courses',
        200,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/courses/${course.id}`).set(trainee.auth),
        'GET',
        '/api/v1/courses/{id}',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/courses/not-a-uuid').set(trainee.auth),
        'GET',
        '/api/v1/courses/{id}',
        400,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/courses/${randomUUID()}`).set(trainee.auth),
        'GET',
        '/api/v1/courses/{id}',
        404,
      );
      const upcoming = await newCohort(admin, course.id, day(14));
      expectDescribed(
        await request(app.server).get('/api/v1/cohorts').set(trainee.auth),
        'GET',
        '/api/v1/cohorts',
        200,
      );
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/cohorts/${upcoming.id}/teachers`)
          .set(admin.auth)
          .send({ userId: mentor.id, role: 'lead' }),
        'POST',
        '/api/v1/cohorts/{id}/teachers',
        201,
      );
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/cohorts/${upcoming.id}/enrollments`)
          .set(trainee.auth)
          .send({}),
        'POST',
        '/api/v1/cohorts/{id}/enrollments',
        201,
      );
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/cohorts/${upcoming.id}/enrollments`)
          .set(trainee.auth)
          .send({}),
        'POST',
        '/api/v1/cohorts/{id}/enrollments',
        409,
      );
      expectDescribed(
        await request(app.server)
          .get(`/api/v1/cohorts/${upcoming.id}/enrollments`)
          .set(mentor.auth),
        'GET',
        '/api/v1/cohorts/{id}/enrollments',
        200,
      );
      expectDescribed(
        await request(app.server)
          .get(`/api/v1/cohorts/${upcoming.id}/calendar.ics`)
          .set(trainee.auth),
        'GET',
        '/api/v1/cohorts/{id}/calendar.ics',
        200,
      );
      expectDescribed(
        await request(app.server)
          .put(`/api/v1/cohorts/${upcoming.id}/sessions/${upcoming.sessions[1]!.id}`)
          .set(admin.auth)
          .send({ startsAt: DateTime.utc().plus({ days: 22 }).startOf('hour').toISO() }),
        'PUT',
        '/api/v1/cohorts/{id}/sessions/{sessionId}',
        200,
      );

      // An earlier cohort, recorded afterwards: attendance can be taken.
      const earlier = await newCohort(admin, course.id, day(-70));
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/cohorts/${earlier.id}/enrollments`)
          .set(admin.auth)
          .send({ userId: trainee.id, requestCe: true, licenseNumber: 'PSY-1' }),
        'POST',
        '/api/v1/cohorts/{id}/enrollments',
        201,
      );
      const attendance = `/api/v1/cohorts/${earlier.id}/sessions/${earlier.sessions[0]!.id}/attendance`;
      expectDescribed(
        await request(app.server)
          .put(attendance)
          .set(admin.auth)
          .send({ records: [{ userId: trainee.id, status: 'present' }] }),
        'PUT',
        '/api/v1/cohorts/{id}/sessions/{sessionId}/attendance',
        200,
      );
      expectDescribed(
        await request(app.server).get(attendance).set(admin.auth),
        'GET',
        '/api/v1/cohorts/{id}/sessions/{sessionId}/attendance',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me/enrollments').set(trainee.auth),
        'GET',
        '/api/v1/me/enrollments',
        200,
      );
      expectDescribed(
        await request(app.server).post(`/api/v1/cohorts/${earlier.id}/complete`).set(admin.auth),
        'POST',
        '/api/v1/cohorts/{id}/complete',
        202,
      );
      await app.settle();
      expectDescribed(
        await request(app.server)
          .delete(`/api/v1/cohorts/${upcoming.id}/enrollments/me`)
          .set(trainee.auth),
        'DELETE',
        '/api/v1/cohorts/{id}/enrollments/me',
        204,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me/ce-credits').set(trainee.auth),
        'GET',
        '/api/v1/me/ce-credits',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/ce-credits').set(admin.auth),
        'GET',
        '/api/v1/ce-credits',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me/notifications').set(trainee.auth),
        'GET',
        '/api/v1/me/notifications',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me/calendar-feed').set(trainee.auth),
        'GET',
        '/api/v1/me/calendar-feed',
        200,
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'the pathway: practice, attestations, applications, certification, progress',
    async () => {
      const admin = await factories.newAdmin();
      const trainee = await factories.newTrainee();
      expectDescribed(
        await request(app.server)
          .post('/api/v1/me/practice-logs')
          .set(trainee.auth)
          .send({ date: day(-1), minutes: 25, practice: 'loving_kindness', note: 'calm' }),
        'POST',
        '/api/v1/me/practice-logs',
        201,
      );
      expectDescribed(
        await request(app.server)
          .post('/api/v1/me/practice-logs')
          .set(trainee.auth)
          .send({ date: day(3), minutes: 25, practice: 'sitting' }),
        'POST',
        '/api/v1/me/practice-logs',
        400,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me/practice-logs').set(trainee.auth),
        'GET',
        '/api/v1/me/practice-logs',
        200,
      );
      const attestation = expectDescribed(
        await request(app.server)
          .post('/api/v1/me/attestations')
          .set(trainee.auth)
          .field('kind', 'daily_practice_2y')
          .field('statement', 'I have sat daily since 2020.')
          .attach('evidence', tinyPdf(), { filename: 'log.pdf', contentType: 'application/pdf' }),
        'POST',
        '/api/v1/me/attestations',
        201,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/me/attestations').set(trainee.auth),
        'GET',
        '/api/v1/me/attestations',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/attestations').set(admin.auth),
        'GET',
        '/api/v1/attestations',
        200,
      );
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/attestations/${attestation.body.id}/decision`)
          .set(admin.auth)
          .send({ decision: 'verified', note: 'Thank you' }),
        'POST',
        '/api/v1/attestations/{id}/decision',
        200,
      );
      expectDescribed(
        await request(app.server)
          .get(`/api/v1/attestations/${attestation.body.id}`)
          .set(trainee.auth),
        'GET',
        '/api/v1/attestations/{id}',
        200,
      );
      expectDescribed(
        await request(app.server)
          .post('/api/v1/applications')
          .set(trainee.auth)
          .send({ kind: 'teacher_training', statement: 'I would like to teach.' }),
        'POST',
        '/api/v1/applications',
        422,
      );
      expectDescribed(
        await request(app.server)
          .post('/api/v1/certifications')
          .set(trainee.auth)
          .send({ designation: 'trained_teacher' }),
        'POST',
        '/api/v1/certifications',
        422,
      );
      for (const path of [
        '/api/v1/me/applications',
        '/api/v1/me/certifications',
        '/api/v1/me/credentials',
        '/api/v1/me/practicums',
        '/api/v1/me/progress',
      ]) {
        expectDescribed(await request(app.server).get(path).set(trainee.auth), 'GET', path, 200);
      }
      expectDescribed(
        await request(app.server).get(`/api/v1/trainees/${trainee.id}/progress`).set(admin.auth),
        'GET',
        '/api/v1/trainees/{id}/progress',
        200,
      );
      for (const path of [
        '/api/v1/applications',
        '/api/v1/certifications',
        '/api/v1/pathway-versions',
      ]) {
        expectDescribed(await request(app.server).get(path).set(admin.auth), 'GET', path, 200);
      }
      const versions = await request(app.server).get('/api/v1/pathway-versions').set(admin.auth);
      expectDescribed(
        await request(app.server)
          .get(`/api/v1/pathway-versions/${versions.body.items[0].id}`)
          .set(admin.auth),
        'GET',
        '/api/v1/pathway-versions/{id}',
        200,
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'the practicum, credentials, notifications and admin views',
    async () => {
      const admin = await factories.newAdmin();
      const mentor = await factories.newMentor();
      const trainee = await factories.newTrainee();
      const practicum = expectDescribed(
        await request(app.server)
          .post('/api/v1/practicums')
          .set(admin.auth)
          .send({ traineeId: trainee.id, mentorId: mentor.id }),
        'POST',
        '/api/v1/practicums',
        201,
      ).body as { id: string };
      expectDescribed(
        await request(app.server)
          .post('/api/v1/practicums')
          .set(admin.auth)
          .send({ traineeId: trainee.id, mentorId: mentor.id }),
        'POST',
        '/api/v1/practicums',
        409,
      );
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/practicums/${practicum.id}/sessions`)
          .set(mentor.auth)
          .send({
            kind: 'consultation',
            heldAt: DateTime.utc().minus({ days: 2 }).startOf('hour').toISO(),
            minutes: 60,
          }),
        'POST',
        '/api/v1/practicums/{id}/sessions',
        201,
      );
      expectDescribed(
        await request(app.server)
          .get(`/api/v1/practicums/${practicum.id}/sessions`)
          .set(trainee.auth),
        'GET',
        '/api/v1/practicums/{id}/sessions',
        200,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/practicums/${practicum.id}`).set(mentor.auth),
        'GET',
        '/api/v1/practicums/{id}',
        200,
      );
      for (const path of [
        '/api/v1/me/practicums',
        '/api/v1/me/reviews',
        '/api/v1/me/reviews/count',
        '/api/v1/practicum/rubric',
      ]) {
        expectDescribed(await request(app.server).get(path).set(mentor.auth), 'GET', path, 200);
      }
      expectDescribed(
        await request(app.server).get('/api/v1/me/recordings').set(trainee.auth),
        'GET',
        '/api/v1/me/recordings',
        200,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/recordings/${randomUUID()}`).set(trainee.auth),
        'GET',
        '/api/v1/recordings/{id}',
        404,
      );
      expectDescribed(
        await request(app.server).post(`/api/v1/practicums/${practicum.id}/close`).set(admin.auth),
        'POST',
        '/api/v1/practicums/{id}/close',
        200,
      );
      expectDescribed(
        await request(app.server).get('/.well-known/jwks.json'),
        'GET',
        '/.well-known/jwks.json',
        200,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/credentials/${randomUUID()}/verify`),
        'GET',
        '/api/v1/credentials/{id}/verify',
        404,
      );
      expectDescribed(
        await request(app.server).get(`/api/v1/ce-credits/${randomUUID()}/verify`),
        'GET',
        '/api/v1/ce-credits/{id}/verify',
        404,
      );
      expectDescribed(
        await request(app.server).post('/api/v1/me/notifications/read-all').set(trainee.auth),
        'POST',
        '/api/v1/me/notifications/read-all',
        204,
      );
      expectDescribed(
        await request(app.server)
          .post(`/api/v1/me/notifications/${randomUUID()}/read`)
          .set(trainee.auth),
        'POST',
        '/api/v1/me/notifications/{id}/read',
        404,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/admin/jobs').set(admin.auth),
        'GET',
        '/api/v1/admin/jobs',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/practicums').set(admin.auth),
        'GET',
        '/api/v1/practicums',
        200,
      );
      expectDescribed(
        await request(app.server).get('/api/v1/recordings').set(admin.auth),
        'GET',
        '/api/v1/recordings',
        200,
      );
    },
    STEP_TIMEOUT,
  );

  it('checked a fair share of the operations', () => {
    const operations = new Set([...checked].map((entry) => entry.replace(/ \d{3}$/, '')));
    expect(operations.size).toBeGreaterThanOrEqual(60);
  });
});
