import pg from 'pg';
import request from 'supertest';
import { planSessions, SessionCadence } from '@msc/domain/courses';
import { AccessTokens, PasswordHasher } from '@msc/domain/identity';
import { RequirementKind } from '@msc/domain/pathway';
import { RUBRIC_DOMAINS } from '@msc/domain/practicum';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
// bench/ is a tool beside the projects, with no @msc alias of its own.
// eslint-disable-next-line no-restricted-imports
import {
  BENCH_EMAIL_DOMAIN,
  seedPopulation,
  type SeedOptions,
  stageOfEmail,
} from '../../bench/seed.js';
import { tinyPdf } from './applications.fixtures.js';

const SEED_PASSWORD = 'bench-seed-password';

/** A small population at every stage (stages 1-3 hold the 8+ participants the teachers teach). */
const POPULATION: Omit<SeedOptions, 'passwordHash'> = {
  trainees: 0,
  stageCounts: {
    msc_course: 4,
    personal_practice: 8,
    teacher_training: 8,
    practicum: 8,
    certification: 3,
    certified: 3,
  },
  openCohorts: 4,
  raceCohorts: 1,
};

/** The rows of each table the seed writes, keyed so that rows made before and after can be told apart. */
const TABLES: Record<string, { key: string; values?: string[]; json?: string[] }> = {
  users: { key: 'id', values: ['roles'] },
  trainee_pathways: { key: 'trainee_id' },
  courses: { key: 'id', values: ['format', 'delivery_mode'] },
  cohorts: { key: 'id', values: ['status', 'cadence', 'local_time'] },
  cohort_sessions: { key: 'id', values: ['sequence'] },
  cohort_teachers: { key: 'id', values: ['role'] },
  enrollments: { key: 'id', values: ['status'] },
  attendance_records: { key: "session_id || '/' || user_id", values: ['status'] },
  practice_logs: { key: 'id', values: ['practice'] },
  attestations: { key: 'id', values: ['kind', 'status', 'evidence_content_type'] },
  applications: { key: 'id', values: ['kind', 'status'] },
  practicums: { key: 'id', values: ['status'] },
  practicum_sessions: { key: 'id', values: ['kind'] },
  teaching_recordings: { key: 'id', values: ['status', 'media_type', 'container'] },
  mentor_reviews: { key: 'id', values: ['outcome'], json: ['scores'] },
  review_comments: { key: 'id' },
  certification_requests: { key: 'id', values: ['designation', 'status'] },
  designations: { key: 'id', values: ['designation'] },
};

/** What a row looks like, values aside: null or not per column, enum-like values, JSON shapes. */
function shapeOf(row: Record<string, unknown>, spec: (typeof TABLES)[string]): string {
  const shape: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === '_key') continue;
    if (value === null) shape[column] = null;
    else if (spec.values?.includes(column)) shape[column] = value;
    else if (spec.json?.includes(column))
      shape[column] = Object.entries(value as object)
        .map(([k, v]) => `${k}:${typeof v}`)
        .sort();
    else
      shape[column] = typeof value === 'object' ? (value as object).constructor.name : typeof value;
  }
  return JSON.stringify(shape);
}

/**
 * The bench's seed (bench/seed.ts) writes rows as the API writes them: every seeded trainee's
 * progress reports the stage the seed put them at, and every seeded row of every table it writes
 * has the shape of a row the API (or a factory standing for a job) wrote in the same test.
 */
describe('bench seed (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let client: pg.Client;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
    client = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await client.connect();
  });
  beforeEach(() => app.reset());
  afterAll(async () => {
    await client.end();
    await app.close();
  });

  const api = () => request(app.server);
  const seed = async () =>
    seedPopulation(client, {
      ...POPULATION,
      passwordHash: await app.get(PasswordHasher).hash(SEED_PASSWORD),
    });

  it('should put every seeded trainee at the stage their progress reports', async () => {
    const seeded = await seed();
    const trainees = await app.db.query<{ id: string; email: string }>(
      `SELECT id, email FROM users WHERE email LIKE $1 AND 'trainee' = ANY(roles) ORDER BY email`,
      [`bench-%@${BENCH_EMAIL_DOMAIN}`],
    );
    expect(trainees).toHaveLength(34);
    const tokens = app.get(AccessTokens);
    const wrong: string[] = [];
    for (const trainee of trainees) {
      const res = await api()
        .get('/api/v1/me/progress')
        .set('Authorization', `Bearer ${await tokens.sign(trainee.id)}`)
        .expect(200);
      const expected = stageOfEmail(trainee.email);
      if (res.body.currentStage !== expected)
        wrong.push(
          `${trainee.email}: ${res.body.currentStage} (${JSON.stringify(res.body.nextSteps)})`,
        );
    }
    expect(wrong).toEqual([]);

    await api()
      .post('/api/v1/auth/login')
      .send({ email: trainees[0]!.email, password: SEED_PASSWORD })
      .expect(200);
    const open = await api()
      .get('/api/v1/cohorts?status=open&limit=100')
      .set('Authorization', `Bearer ${await tokens.sign(trainees[0]!.id)}`)
      .expect(200);
    expect(open.body.items).toHaveLength(seeded.openCohorts);
    expect(seeded.raceCohortIds).toHaveLength(1);
    expect(seeded.unenrolledEmails.length).toBeGreaterThan(0);
  });

  it('should leave the schema as it was when seeding fast (indexes dropped and built again)', async () => {
    const indexes = () =>
      app.db.query<{ indexdef: string }>(
        'SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexdef',
      );
    const before = await indexes();
    await seedPopulation(client, {
      ...POPULATION,
      passwordHash: await app.get(PasswordHasher).hash(SEED_PASSWORD),
      fast: true,
    });
    expect(await indexes()).toEqual(before);
    const [{ role }] = (
      await client.query<{ role: string }>(
        `SELECT current_setting('session_replication_role') AS role`,
      )
    ).rows as [{ role: string }];
    expect(role).toBe('origin');
  });

  it('should plan sessions as the scheduling job does', async () => {
    await seed();
    const cohorts = await app.db.query<{
      id: string;
      start_date: string;
      local_time: string;
      time_zone: string;
      cadence: SessionCadence;
      session_count: number;
      session_minutes: number;
    }>(
      `SELECT c.id, to_char(c.start_date, 'YYYY-MM-DD') AS start_date, c.local_time, c.time_zone,
              c.cadence, co.session_count, co.session_minutes
       FROM cohorts c JOIN courses co ON co.id = c.course_id`,
    );
    for (const cohort of cohorts) {
      const sessions = await app.db.query<{ number: number; starts_at: Date; ends_at: Date }>(
        'SELECT number, starts_at, ends_at FROM cohort_sessions WHERE cohort_id = $1 ORDER BY number',
        [cohort.id],
      );
      const planned = planSessions({
        startDate: cohort.start_date,
        localTime: cohort.local_time,
        timeZone: cohort.time_zone,
        cadence: cohort.cadence,
        sessionCount: cohort.session_count,
        sessionMinutes: cohort.session_minutes,
      });
      expect(
        sessions.map((s) => [s.number, s.starts_at.toISOString(), s.ends_at.toISOString()]),
      ).toEqual(planned.map((s) => [s.number, s.startsAt.toISOString(), s.endsAt.toISOString()]));
    }
  });

  it('should write rows of the shapes the API writes', async () => {
    await seed();
    const seededKeys = new Map<string, Set<string>>();
    for (const [table, spec] of Object.entries(TABLES)) {
      const rows = await app.db.query<{ k: string }>(`SELECT ${spec.key} AS k FROM ${table}`);
      seededKeys.set(table, new Set(rows.map((r) => r.k)));
    }

    await writeThroughTheApi(app, factories);

    const problems: string[] = [];
    for (const [table, spec] of Object.entries(TABLES)) {
      const rows = await app.db.query<Record<string, unknown>>(
        `SELECT ${spec.key} AS _key, * FROM ${table}`,
      );
      const seeded = rows.filter((r) => seededKeys.get(table)!.has(r._key as string));
      const written = new Set(rows.filter((r) => !seeded.includes(r)).map((r) => shapeOf(r, spec)));
      if (seeded.length === 0) problems.push(`${table}: nothing seeded`);
      if (written.size === 0) problems.push(`${table}: nothing written through the API`);
      for (const shape of new Set(seeded.map((r) => shapeOf(r, spec))))
        if (!written.has(shape))
          problems.push(`${table}: seeded ${shape}, written ${[...written].join(' | ')}`);
    }
    expect(problems).toEqual([]);
  });
});

const DAY_MS = 86_400_000;
const dateAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/** Rows of every kind the seed writes, made as people make them: through the API where it can. */
async function writeThroughTheApi(app: TestApp, factories: Factories): Promise<void> {
  const api = () => request(app.server);
  const admin = await factories.newAdmin();
  const mentor = await api()
    .post('/api/v1/users')
    .set(admin.auth)
    .send({
      email: 'mentor@example.org',
      displayName: 'Mentor',
      password: 'mentor-password-1',
      roles: ['mentor'],
    })
    .expect(201);
  const mentorToken = (
    await api()
      .post('/api/v1/auth/login')
      .send({ email: 'mentor@example.org', password: 'mentor-password-1' })
      .expect(200)
  ).body.accessToken as string;
  const mentorAuth = { Authorization: `Bearer ${mentorToken}` };
  const register = async (n: number): Promise<TestUser> => {
    const res = await api()
      .post('/api/v1/auth/register')
      .send({
        email: `trainee-${n}@example.org`,
        password: 'trainee-password-1',
        displayName: `Trainee ${n}`,
        timeZone: 'Europe/Berlin',
      })
      .expect(201);
    const user = res.body.user as TestUser;
    const auth = { Authorization: `Bearer ${res.body.accessToken as string}` };
    await api().get('/api/v1/me/progress').set(auth).expect(200);
    return { ...user, password: 'trainee-password-1', accessToken: '', auth };
  };
  const trainees = await Promise.all(Array.from({ length: 9 }, (_, i) => register(i + 1)));
  const [first, second, third] = trainees as [TestUser, TestUser, TestUser];

  const course = async (body: Record<string, unknown>) =>
    (await api().post('/api/v1/courses').set(admin.auth).send(body).expect(201)).body.id as string;
  const msc = await course({
    code: 'REF-MSC',
    title: 'MSC',
    format: 'msc_8_week',
    sessionCount: 8,
    sessionMinutes: 150,
    completionMinSessions: 7,
    ceHours: 24,
    ceAccreditor: 'Approved for 24 CE hours.',
  });
  const training = await course({
    code: 'REF-TT',
    title: 'Teacher training',
    format: 'teacher_training',
    deliveryMode: 'in_person',
    sessionCount: 6,
    sessionMinutes: 420,
    completionMinSessions: 6,
  });
  await course({
    code: 'REF-TTP',
    title: 'Practicum',
    format: 'teacher_training_practicum',
    sessionCount: 10,
    sessionMinutes: 120,
    completionMinSessions: 10,
  });
  const cohort = async (courseId: string, startDate: string, cadence = 'weekly') =>
    (
      await api()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({
          courseId,
          title: 'Reference cohort',
          startDate,
          localTime: '18:00',
          timeZone: 'Europe/Lisbon',
          capacity: 20,
          ceEligible: courseId === msc,
          cadence,
        })
        .expect(201)
    ).body.id as string;
  const past = await cohort(msc, dateAgo(120));
  const pastDaily = await cohort(training, dateAgo(30), 'daily');
  const upcoming = await cohort(msc, dateAgo(-30));
  await app.settle(); // sessions generated: open

  for (const [id, role] of [
    [mentor.body.id, 'lead'],
    [first.id, 'co_teacher'],
  ] as const)
    await api().post(`/api/v1/cohorts/${past}/teachers`).set(admin.auth).send({ userId: id, role });
  for (const id of [past, pastDaily]) {
    for (const trainee of trainees)
      await api()
        .post(`/api/v1/cohorts/${id}/enrollments`)
        .set(admin.auth)
        .send({ userId: trainee.id })
        .expect(201);
    const sessions = await app.db.query<{ id: string; number: number }>(
      'SELECT id, number FROM cohort_sessions WHERE cohort_id = $1 ORDER BY number',
      [id],
    );
    for (const session of sessions)
      await api()
        .put(`/api/v1/cohorts/${id}/sessions/${session.id}/attendance`)
        .set(admin.auth)
        .send({
          records: trainees.map((t, i) => ({
            userId: t.id,
            status: i === 0 && session.number === 4 ? 'absent' : 'present',
          })),
        })
        .expect(200);
    await api().post(`/api/v1/cohorts/${id}/complete`).set(admin.auth).expect(202);
  }
  await app.settle(); // completions
  await api().post(`/api/v1/cohorts/${upcoming}/enrollments`).set(first.auth).send({}).expect(201);
  await api()
    .post(`/api/v1/cohorts/${upcoming}/enrollments`)
    .set(second.auth)
    .send({ requestCe: true })
    .expect(201);

  for (const practice of ['sitting', 'loving_kindness', 'self_compassion', 'informal'])
    for (const note of [undefined, 'Felt settled after the practice.'])
      await api()
        .post('/api/v1/me/practice-logs')
        .set(first.auth)
        .send({ date: dateAgo(1), minutes: 20, practice, ...(note ? { note } : {}) })
        .expect(201);
  for (const kind of ['daily_practice_2y', 'silent_retreat_5d', 'group_teaching'])
    for (const [trainee, decide] of [
      [first, true],
      [second, false],
    ] as const) {
      const attestation = await api()
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .field('kind', kind)
        .field('statement', 'I have practised and taught.')
        .attach('evidence', tinyPdf(), `${kind}.pdf`)
        .expect(201);
      if (decide)
        await api()
          .post(`/api/v1/attestations/${attestation.body.id as string}/decision`)
          .set(admin.auth)
          .send({ decision: 'verified', note: 'Evidence checked.' })
          .expect(200);
    }

  const restore = factories.meetRequirements(...Object.values(RequirementKind));
  try {
    for (const [trainee, decide] of [
      [first, true],
      [second, false],
    ] as const) {
      const application = await api()
        .post('/api/v1/applications')
        .set(trainee.auth)
        .send({ kind: 'teacher_training', statement: 'I want to teach MSC.' })
        .expect(201);
      if (decide)
        await api()
          .post(`/api/v1/applications/${application.body.id as string}/decision`)
          .set(admin.auth)
          .send({ decision: 'approved', note: 'Welcome to teacher training.' })
          .expect(200);
    }
    for (const designation of ['trained_teacher', 'certified_teacher']) {
      const requested = await api()
        .post('/api/v1/certifications')
        .set(first.auth)
        .send({ designation })
        .expect(201);
      await api()
        .post(`/api/v1/certifications/${requested.body.id as string}/decision`)
        .set(admin.auth)
        .send({ decision: 'approved', note: 'Requirements met.' })
        .expect(200);
    }
  } finally {
    restore();
  }

  const practicum = async (trainee: TestUser) =>
    (
      await api()
        .post('/api/v1/practicums')
        .set(admin.auth)
        .send({ traineeId: trainee.id, mentorId: mentor.body.id })
        .expect(201)
    ).body.id as string;
  const active = await practicum(first);
  const closed = await practicum(third);
  for (const [kind, days] of [
    ['consultation', 3],
    ['mentoring', 2],
  ] as const)
    await api()
      .post(`/api/v1/practicums/${active}/sessions`)
      .set(mentorAuth)
      .send({ kind, heldAt: new Date(Date.now() - days * DAY_MS).toISOString(), minutes: 60 })
      .expect(201);
  await api()
    .post(`/api/v1/practicums/${closed}/close`)
    .set(admin.auth)
    .expect((res) => {
      if (res.status >= 300) throw new Error(`close answered ${res.status}`);
    });

  // Upload and probe are the job's (recordings' own e2e tests drive them): the factory stands in.
  const recordings = await Promise.all(
    [3, 6].map((sessionNumber) =>
      factories.recording({
        practicumId: active,
        traineeId: first.id,
        cohortId: past,
        sessionNumber,
        reviewerId: mentor.body.id,
        originalFilename: `session-${sessionNumber}.wav`,
        durationSeconds: 75,
      }),
    ),
  );
  await api()
    .post(`/api/v1/recordings/${recordings[0]!}/reviews`)
    .set(mentorAuth)
    .send({
      scores: Object.fromEntries(RUBRIC_DOMAINS.map((d) => [d, 'competent'])),
      comments: [
        { atSeconds: 12, text: 'A warm opening.' },
        { atSeconds: 48, text: 'Good inquiry.' },
      ],
      summary: 'Competent across every domain.',
    })
    .expect(201);
  await app.settle();
}
