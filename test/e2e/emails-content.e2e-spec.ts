import { DateTime } from 'luxon';
import request from 'supertest';
import { NotificationsService, renderEmail } from '@msc/domain/notifications';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { linksOf, TestSmtpServer } from './emails.fixtures.js';

const BASE = 'https://msc.example.org';
const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');
/** How the e-mails write an instant for a person in `zone`. */
const written = (iso: string, zone: string) =>
  `${DateTime.fromISO(iso, { zone }).setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${zone})`;

describe('e-mails a person can act on (e2e)', () => {
  let smtpServer: TestSmtpServer;
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;

  beforeAll(async () => {
    smtpServer = new TestSmtpServer();
    await smtpServer.start();
    app = await createTestApp({ env: { SMTP_URL: smtpServer.url, PUBLIC_BASE_URL: `${BASE}/` } });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    smtpServer.mails.length = 0;
    admin = await factories.newAdmin();
  });
  afterAll(async () => {
    await app?.close();
    await smtpServer?.stop();
  });

  const api = () => request(app.server);

  async function newCohort(capacity: number) {
    const course = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `MSC-${Math.random().toString(36).slice(2, 8)}`,
        title: 'Mindful Self-Compassion',
        format: 'msc_8_week',
        sessionCount: 8,
        sessionMinutes: 150,
        completionMinSessions: 7,
      })
      .expect(201);
    const created = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title: 'Tuesday evenings',
        startDate: inDays(14),
        localTime: '18:30',
        timeZone: 'America/New_York',
        capacity,
        ceEligible: false,
      })
      .expect(201);
    await app.settle();
    const cohort = await api()
      .get(`/api/v1/cohorts/${created.body.id}`)
      .set(admin.auth)
      .expect(200);
    return cohort.body as { id: string; sessions: { number: number; startsAt: string }[] };
  }

  it('should e-mail the enrollment with the first session in the trainee’s zone and a link to their courses', async () => {
    const cohort = await newCohort(10);
    const firstStart = cohort.sessions.find((s) => s.number === 1)!.startsAt;
    const trainee = await factories.newUser({
      displayName: 'Kai Müller',
      timeZone: 'Europe/Berlin',
    });

    await api()
      .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
      .set(trainee.auth)
      .send({})
      .expect(201);
    await app.settle();

    const [mail, ...more] = smtpServer.to(trainee.email);
    expect(more).toHaveLength(0);
    expect(mail!.headers.subject).toBe('You are enrolled in Mindful Self-Compassion');
    expect(mail!.headers['content-type']).toMatch(/^multipart\/alternative/);
    const when = written(firstStart, 'Europe/Berlin');
    for (const part of [mail!.text, mail!.html!]) {
      expect(part).toContain('Hello Kai Müller,');
      expect(part).toContain('Your seat in Tuesday evenings is confirmed.');
      expect(part).toContain(`The first session starts ${when}.`);
      expect(part).toContain('Europe/Berlin');
    }
    expect(mail!.text).toContain(`Open my courses: ${BASE}/my-courses`);
    expect(linksOf(mail!.html)).toEqual(
      expect.arrayContaining([`${BASE}/my-courses`, `${BASE}/profile`]),
    );
    // The inbox says the same, in the same zone.
    const inbox = await api().get('/api/v1/me/notifications').set(trainee.auth).expect(200);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'enrolled',
      body: `Your seat in Tuesday evenings is confirmed. The first session starts ${when}.`,
    });
  });

  it('should e-mail the waitlist place, then the promotion when a seat frees', async () => {
    const cohort = await newCohort(1);
    const firstStart = cohort.sessions.find((s) => s.number === 1)!.startsAt;
    const first = await factories.newUser({ displayName: 'First In', timeZone: 'Asia/Tokyo' });
    const second = await factories.newUser({
      displayName: 'Second In',
      timeZone: 'America/Los_Angeles',
    });
    await api()
      .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
      .set(first.auth)
      .send({})
      .expect(201);
    const waitlisted = await api()
      .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
      .set(second.auth)
      .send({})
      .expect(201);
    expect(waitlisted.body.status).toBe('waitlisted');
    await app.settle();
    expect(smtpServer.to(second.email).map((m) => m.headers.subject)).toEqual([
      'You are on the waitlist of Mindful Self-Compassion',
    ]);

    await api().delete(`/api/v1/cohorts/${cohort.id}/enrollments/me`).set(first.auth).expect(204);
    await app.settle();

    const mails = smtpServer.to(second.email);
    expect(mails.map((m) => m.headers.subject)).toEqual([
      'You are on the waitlist of Mindful Self-Compassion',
      'A seat in Mindful Self-Compassion is yours',
    ]);
    const promotion = mails[1]!;
    const when = written(firstStart, 'America/Los_Angeles');
    expect(promotion.text).toMatch(/^Hello Second In,/);
    expect(promotion.text).toContain('you moved up from the waitlist: you are now enrolled.');
    expect(promotion.text).toContain(`The first session starts ${when}.`);
    expect(promotion.html).toContain(`The first session starts ${when}.`);
    expect(linksOf(promotion.html)).toContain(`${BASE}/my-courses`);
  });

  it('should write the times in the zone the person has when the e-mail goes out', async () => {
    const user = await factories.newUser({ displayName: 'Zoe', timeZone: 'UTC' });
    await api()
      .patch('/api/v1/me')
      .set(user.auth)
      .send({ timeZone: 'Australia/Sydney' })
      .expect(200);

    await app.get(NotificationsService).deliver({
      userId: user.id,
      dedupeKey: `test-zone-${user.id}`,
      kind: 'session_reminder',
      title: 'Session 1 starts tomorrow',
      body: 'Session 1 starts {startsAt}.',
      times: { startsAt: '2027-01-10T08:00:00.000Z' },
      email: true,
    });

    const [mail] = smtpServer.to(user.email);
    expect(mail!.text).toContain(
      'Session 1 starts Sunday 10 January 2027 at 19:00 (Australia/Sydney).',
    );
    expect(mail!.text).toContain('Times are shown in Australia/Sydney');
  });

  it('should open the page a notification gives, else the page of its kind, else the inbox', async () => {
    const user = await factories.newTrainee();
    const deliver = (kind: string, link?: { path: string; label: string }) =>
      app.get(NotificationsService).deliver({
        userId: user.id,
        dedupeKey: `test-link-${kind}-${link?.path ?? ''}-${user.id}`,
        kind,
        title: `About ${kind}`,
        body: 'Something happened.',
        email: true,
        ...(link ? { link } : {}),
      });
    await deliver('credential_issued', {
      path: '/verify/abc',
      label: 'Open the verification page',
    });
    await deliver('credential_issued');
    await deliver('ce_certificate_ready');
    await deliver('welcome');
    await deliver('something_new');

    const actions = smtpServer
      .to(user.email)
      .map((m) => m.text.split('\n\n').find((p) => p.includes(`: ${BASE}/`)));
    expect(actions).toEqual([
      `Open the verification page: ${BASE}/verify/abc`,
      `Open my credentials: ${BASE}/credentials`,
      `Open my CE credits: ${BASE}/ce-credits`,
      `Open my pathway: ${BASE}/`,
      `Open my notifications: ${BASE}/notifications`,
    ]);
  });

  it('should escape what people typed in the HTML part', () => {
    const rendered = renderEmail({
      title: 'Hi <b>there</b>',
      body: 'Cohort "<script>alert(1)</script>" & more\n\nSee https://msc.example.org/verify/1.',
      recipient: { displayName: '<img src=x onerror=alert(1)>', timeZone: 'UTC' },
      action: { url: `${BASE}/`, label: 'Open my pathway' },
      baseUrl: BASE,
    });
    expect(rendered.html).not.toMatch(/<script|<img|<b>/);
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(linksOf(rendered.html)).toContain('https://msc.example.org/verify/1');
    expect(rendered.text).toContain('Hello <img src=x onerror=alert(1)>,');
  });
});
