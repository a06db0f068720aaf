import { DateTime } from 'luxon';
import request from 'supertest';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

interface Session {
  id: string;
}

describe('personal calendar feed (e2e)', () => {
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

  async function newCohort(title: string, sessionCount: number, startInDays: number) {
    const course = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `C-${Math.random().toString(36).slice(2, 8)}`,
        title: `Course ${title}`,
        format: 'msc_8_week',
        sessionCount,
        sessionMinutes: 120,
        completionMinSessions: 1,
      })
      .expect(201);
    const created = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title,
        startDate: inDays(startInDays),
        localTime: '18:30',
        timeZone: 'Europe/Berlin',
        capacity: 10,
        ceEligible: false,
      })
      .expect(201);
    await app.settle();
    const { body } = await api().get(`/api/v1/cohorts/${created.body.id}`).set(admin.auth);
    return body as { id: string; sessions: Session[] };
  }

  /** Opens a feed URL exactly as a calendar app would: no Authorization header. */
  const open = (url: string) => {
    const { pathname, search } = new URL(url);
    return api().get(pathname + search);
  };

  const uidsOf = (ics: string) =>
    [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim().replace(/@msc-pathway$/, ''));

  it('should give each person one feed URL of the sessions they attend or teach, opening without a token', async () => {
    const trainee = await factories.newTrainee();
    const teacher = await factories.newMentor();
    const attended = await newCohort('Tuesdays', 3, 10);
    const taught = await newCohort('Thursdays', 2, 20);
    const other = await newCohort('Saturdays', 2, 30);
    await api()
      .post(`/api/v1/cohorts/${attended.id}/enrollments`)
      .set(trainee.auth)
      .send({})
      .expect(201);
    await api()
      .post(`/api/v1/cohorts/${taught.id}/teachers`)
      .set(admin.auth)
      .send({ userId: teacher.id, role: 'lead' })
      .expect(201);

    const first = await api().get('/api/v1/me/calendar-feed').set(trainee.auth).expect(200);
    expect(Object.keys(first.body)).toEqual(['url']);
    const url = first.body.url as string;
    expect(url.startsWith(app.config.PUBLIC_BASE_URL.replace(/\/+$/, ''))).toBe(true);
    const again = await api().get('/api/v1/me/calendar-feed').set(trainee.auth).expect(200);
    expect(again.body.url).toBe(url);

    const feed = await open(url).expect(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(feed.text).toContain('X-WR-TIMEZONE:UTC');
    expect(uidsOf(feed.text)).toEqual(attended.sessions.map((s) => s.id));
    expect(feed.text).toContain('SUMMARY:Course Tuesdays: session 1 of 3');

    const teacherUrl = (await api().get('/api/v1/me/calendar-feed').set(teacher.auth).expect(200))
      .body.url as string;
    expect(teacherUrl).not.toBe(url);
    const taughtFeed = await open(teacherUrl).expect(200);
    expect(uidsOf(taughtFeed.text)).toEqual(taught.sessions.map((s) => s.id));
    expect(taughtFeed.text).toContain('SUMMARY:Teaching Course Thursdays: session 2 of 2');
    expect(uidsOf(taughtFeed.text)).not.toContain(other.sessions[0]!.id);

    // Withdrawing takes the cohort out of the feed.
    await api()
      .delete(`/api/v1/cohorts/${attended.id}/enrollments/me`)
      .set(trainee.auth)
      .expect(204);
    expect(uidsOf((await open(url).expect(200)).text)).toEqual([]);

    await api().get('/api/v1/me/calendar-feed').expect(401);
  });

  it('should refuse an altered or borrowed feed address', async () => {
    const ana = await factories.newTrainee();
    const bo = await factories.newTrainee();
    const anaUrl = (await api().get('/api/v1/me/calendar-feed').set(ana.auth)).body.url as string;
    const boUrl = (await api().get('/api/v1/me/calendar-feed').set(bo.auth)).body.url as string;
    const token = (u: string) => new URL(u).pathname.split('/')[4]!;
    const [anaId, anaMac] = token(anaUrl).split('.') as [string, string];
    const [boId] = token(boUrl).split('.') as [string, string];
    const flipped = `${anaMac[0] === 'A' ? 'B' : 'A'}${anaMac.slice(1)}`;
    for (const bad of [
      `${anaId}.${flipped}`,
      `${boId}.${anaMac}`,
      anaId,
      `${anaId}.${anaMac}.x`,
      'not-a-feed',
    ]) {
      const refused = await api().get(`/api/v1/calendar-feeds/${bad}/sessions.ics`).expect(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('should rotate: a new URL that works, and the old one retired', async () => {
    const trainee = await factories.newTrainee();
    const cohort = await newCohort('Mondays', 2, 5);
    await api()
      .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
      .set(trainee.auth)
      .send({})
      .expect(201);
    const old = (await api().get('/api/v1/me/calendar-feed').set(trainee.auth)).body.url as string;
    await open(old).expect(200);

    const rotated = await api()
      .post('/api/v1/me/calendar-feed/rotate')
      .set(trainee.auth)
      .expect(200);
    const fresh = rotated.body.url as string;
    expect(fresh).not.toBe(old);
    const gone = await open(old).expect(404);
    expect(gone.body.detail).toMatch(/replaced/);
    expect(uidsOf((await open(fresh).expect(200)).text)).toEqual(cohort.sessions.map((s) => s.id));
    expect((await api().get('/api/v1/me/calendar-feed').set(trainee.auth)).body.url).toBe(fresh);
    const [audit] = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'calendar_feed.rotated' AND actor_id = $1`,
      [trainee.id],
    );
    expect(Number(audit!.n)).toBe(1);

    // Rotating before ever asking for a feed works too.
    const newcomer = await factories.newTrainee();
    const first = await api()
      .post('/api/v1/me/calendar-feed/rotate')
      .set(newcomer.auth)
      .expect(200);
    await open(first.body.url as string).expect(200);
    await api().post('/api/v1/me/calendar-feed/rotate').expect(401);
  });
});
