import { DateTime } from 'luxon';
import request from 'supertest';
import { RequirementKind } from '@msc/domain/pathway';
import { JobName, JobQueue, QueueName } from '@msc/queue';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

interface Session {
  id: string;
  number: number;
  startsAt: string;
  endsAt: string;
}

const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

describe('courses (e2e)', () => {
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

  async function newCourse(overrides: Record<string, unknown> = {}) {
    const res = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `MSC-${Math.random().toString(36).slice(2, 8)}`,
        title: 'Mindful Self-Compassion',
        format: 'msc_8_week',
        sessionCount: 8,
        sessionMinutes: 150,
        completionMinSessions: 7,
        ceHours: 24,
        ...overrides,
      })
      .expect(201);
    return res.body as { id: string; code: string };
  }

  /** Creates a cohort and waits for the scheduling job to give it its sessions. */
  async function newCohort(courseId: string, overrides: Record<string, unknown> = {}) {
    const res = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId,
        title: 'Tuesday evenings',
        startDate: inDays(14),
        localTime: '18:30',
        timeZone: 'America/New_York',
        capacity: 20,
        ceEligible: false,
        ...overrides,
      })
      .expect(201);
    expect(res.body.status).toBe('scheduling');
    await app.settle();
    const cohort = await api().get(`/api/v1/cohorts/${res.body.id}`).set(admin.auth).expect(200);
    return cohort.body as { id: string; status: string; sessions: Session[] };
  }

  const enroll = (user: TestUser, cohortId: string, body: Record<string, unknown> = {}) =>
    api().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(user.auth).send(body);

  describe('courses', () => {
    it('should let an admin create a course and anyone signed in list it', async () => {
      const created = await api()
        .post('/api/v1/courses')
        .set(admin.auth)
        .send({
          code: 'MSC-8W',
          title: 'MSC 8 weeks',
          format: 'msc_8_week',
          sessionCount: 8,
          sessionMinutes: 150,
          completionMinSessions: 7,
          ceHours: 24,
          ceAccreditor: 'APA',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        code: 'MSC-8W',
        format: 'msc_8_week',
        deliveryMode: 'online',
        sessionCount: 8,
        completionMinSessions: 7,
        ceHours: 24,
        ceAccreditor: 'APA',
      });
      const trainee = await factories.newTrainee();
      const list = await api().get('/api/v1/courses').set(trainee.auth).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
      const [audit] = await app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'course.created' AND actor_id = $1`,
        [admin.id],
      );
      expect(Number(audit!.n)).toBe(1);
    });

    it('should refuse a duplicate code, a trainee, unknown fields and an impossible minimum', async () => {
      await newCourse({ code: 'DUP' });
      await api()
        .post('/api/v1/courses')
        .set(admin.auth)
        .send({
          code: 'DUP',
          title: 't',
          format: 'msc_8_week',
          sessionCount: 8,
          sessionMinutes: 150,
          completionMinSessions: 7,
        })
        .expect(409);
      const trainee = await factories.newTrainee();
      const base = {
        code: 'X1',
        title: 't',
        format: 'msc_intensive',
        sessionCount: 5,
        sessionMinutes: 300,
        completionMinSessions: 5,
      };
      await api().post('/api/v1/courses').set(trainee.auth).send(base).expect(403);
      const unknown = await api()
        .post('/api/v1/courses')
        .set(admin.auth)
        .send({ ...base, price: 10 })
        .expect(400);
      expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'price' }));
      await api()
        .post('/api/v1/courses')
        .set(admin.auth)
        .send({ ...base, completionMinSessions: 6 })
        .expect(400);
      await api()
        .post('/api/v1/courses')
        .set(admin.auth)
        .send({ ...base, format: 'weekend' })
        .expect(400);
    });
  });

  describe('cohorts and sessions', () => {
    it('should keep 18:30 New York time across the March daylight-saving change', async () => {
      const course = await newCourse({ sessionCount: 3, completionMinSessions: 2 });
      const cohort = await newCohort(course.id, {
        startDate: '2027-03-02',
        localTime: '18:30',
        timeZone: 'America/New_York',
      });
      expect(cohort).toMatchObject({
        status: 'open',
        capacity: 20,
        enrolledCount: 0,
        timeZone: 'America/New_York',
        courseId: course.id,
      });
      expect(cohort.sessions.map((s) => [s.number, s.startsAt, s.endsAt])).toEqual([
        [1, '2027-03-02T23:30:00.000Z', '2027-03-03T02:00:00.000Z'],
        [2, '2027-03-09T23:30:00.000Z', '2027-03-10T02:00:00.000Z'],
        [3, '2027-03-16T22:30:00.000Z', '2027-03-17T01:00:00.000Z'],
      ]);
    });

    it('should place a 10:00 Auckland session on the previous UTC day, and the .ics agrees', async () => {
      const course = await newCourse({ sessionCount: 2, completionMinSessions: 2 });
      const cohort = await newCohort(course.id, {
        title: 'Auckland, mornings; weekly',
        startDate: '2027-03-01',
        localTime: '10:00',
        timeZone: 'Pacific/Auckland',
      });
      expect(cohort.sessions.map((s) => s.startsAt)).toEqual([
        '2027-02-28T21:00:00.000Z',
        '2027-03-07T21:00:00.000Z',
      ]);
      const trainee = await factories.newTrainee();
      const ics = await api()
        .get(`/api/v1/cohorts/${cohort.id}/calendar.ics`)
        .set(trainee.auth)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      const body = ics.body as string;
      expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const lines = body.replace(/\r\n /g, '').split('\r\n');
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
      expect(lines).toContain('X-WR-TIMEZONE:Pacific/Auckland');
      expect(lines).toContain(`UID:${cohort.sessions[0]!.id}@msc-pathway`);
      expect(lines).toContain('DTSTART:20270228T210000Z');
      expect(lines).toContain('DTEND:20270228T233000Z');
      expect(lines).toContain('DTSTART:20270307T210000Z');
      expect(
        lines.some((l) => l.startsWith('X-WR-CALNAME:') && l.includes('mornings\\; weekly')),
      ).toBe(true);
    });

    it('should refuse a bad time zone, date or time, and an unknown course', async () => {
      const course = await newCourse();
      const base = {
        courseId: course.id,
        title: 'x',
        startDate: '2027-03-01',
        localTime: '10:00',
        timeZone: 'Europe/Berlin',
        capacity: 10,
        ceEligible: false,
      };
      const zone = await api()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...base, timeZone: 'Europe/Atlantis' })
        .expect(400);
      expect(zone.body.errors).toContainEqual(expect.objectContaining({ field: 'timeZone' }));
      await api()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...base, startDate: '2027-02-30' })
        .expect(400);
      await api()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...base, localTime: '25:00' })
        .expect(400);
      await api()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...base, courseId: '00000000-0000-4000-8000-000000000000' })
        .expect(404);
      const trainee = await factories.newTrainee();
      await api().post('/api/v1/cohorts').set(trainee.auth).send(base).expect(403);
    });

    it('should list cohorts by course and status, and generate sessions only once', async () => {
      const a = await newCourse();
      const b = await newCourse({
        format: 'msc_intensive',
        sessionCount: 5,
        completionMinSessions: 5,
      });
      const first = await newCohort(a.id);
      const intensive = await newCohort(b.id, { startDate: '2027-06-07', localTime: '09:00' });
      // Intensives meet daily.
      expect(intensive.sessions.map((s) => s.startsAt.slice(0, 10))).toEqual([
        '2027-06-07',
        '2027-06-08',
        '2027-06-09',
        '2027-06-10',
        '2027-06-11',
      ]);
      const trainee = await factories.newTrainee();
      const byCourse = await api()
        .get(`/api/v1/cohorts?courseId=${a.id}&status=open`)
        .set(trainee.auth)
        .expect(200);
      expect(byCourse.body.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
      const none = await api()
        .get('/api/v1/cohorts?status=completed')
        .set(trainee.auth)
        .expect(200);
      expect(none.body.items).toEqual([]);
      await api().get('/api/v1/cohorts?status=bogus').set(trainee.auth).expect(400);
      // A repeated scheduling job changes nothing.
      await app
        .get(JobQueue)
        .enqueue(
          { name: JobName.GenerateCohortSessions, data: { cohortId: first.id } },
          { jobId: `again-${first.id}` },
        );
      await app.settle();
      const [count] = await app.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM cohort_sessions WHERE cohort_id = $1',
        [first.id],
      );
      expect(Number(count!.n)).toBe(8);
    });
  });

  describe('teachers', () => {
    it('should add a teacher once and let them, not other trainees, see the enrollments', async () => {
      const course = await newCourse();
      const cohort = await newCohort(course.id);
      const teacher = await factories.newMentor();
      const added = await api()
        .post(`/api/v1/cohorts/${cohort.id}/teachers`)
        .set(admin.auth)
        .send({ userId: teacher.id, role: 'lead' })
        .expect(201);
      expect(added.body).toMatchObject({ cohortId: cohort.id, userId: teacher.id, role: 'lead' });
      await api()
        .post(`/api/v1/cohorts/${cohort.id}/teachers`)
        .set(admin.auth)
        .send({ userId: teacher.id, role: 'co_teacher' })
        .expect(409);
      const trainee = await factories.newTrainee();
      await api()
        .post(`/api/v1/cohorts/${cohort.id}/teachers`)
        .set(trainee.auth)
        .send({ userId: trainee.id, role: 'lead' })
        .expect(403);
      await api()
        .post(`/api/v1/cohorts/${cohort.id}/teachers`)
        .set(admin.auth)
        .send({ userId: trainee.id, role: 'assistant' })
        .expect(400);
      await enroll(trainee, cohort.id).expect(201);
      const seen = await api()
        .get(`/api/v1/cohorts/${cohort.id}/enrollments`)
        .set(teacher.auth)
        .expect(200);
      expect(seen.body.items.map((e: { userId: string }) => e.userId)).toEqual([trainee.id]);
      await api().get(`/api/v1/cohorts/${cohort.id}/enrollments`).set(trainee.auth).expect(403);
      const shown = await api().get(`/api/v1/cohorts/${cohort.id}`).set(trainee.auth).expect(200);
      expect(shown.body.teachers).toEqual([
        { userId: teacher.id, displayName: teacher.displayName, role: 'lead' },
      ]);
    });
  });

  describe('enrollment', () => {
    it('should enroll a trainee once, refuse others and closed cohorts, and let admins record the past', async () => {
      const course = await newCourse();
      const cohort = await newCohort(course.id);
      const trainee = await factories.newTrainee();
      const res = await enroll(trainee, cohort.id, {
        requestCe: true,
        licenseNumber: 'LPC-1',
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        cohortId: cohort.id,
        userId: trainee.id,
        status: 'enrolled',
      });
      const again = await enroll(trainee, cohort.id).expect(409);
      expect(again.headers['content-type']).toMatch(/problem\+json/);
      const other = await factories.newTrainee();
      await enroll(trainee, cohort.id, { userId: other.id }).expect(403);
      await enroll(trainee, cohort.id, { seat: 1 }).expect(400);
      const mentor = await factories.newMentor();
      await enroll(mentor, cohort.id).expect(403);

      const past = await newCohort(course.id, { startDate: '2024-01-09' });
      await enroll(other, past.id).expect(409);
      await enroll(admin, past.id, { userId: other.id }).expect(201);
      await enroll(admin, past.id, { userId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      const shown = await api().get(`/api/v1/cohorts/${past.id}`).set(other.auth).expect(200);
      expect(shown.body.enrolledCount).toBe(1);

      const mine = await api().get('/api/v1/me/enrollments').set(other.auth).expect(200);
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.items[0]).toMatchObject({
        cohortId: past.id,
        status: 'enrolled',
        completedAt: null,
        course: { id: course.id, format: 'msc_8_week' },
      });
    });

    it('should never overbook 10 seats under 50 concurrent enrollments, and promote the waitlist in order', async () => {
      const course = await newCourse();
      const cohort = await newCohort(course.id, { capacity: 10 });
      const trainees = await Promise.all(Array.from({ length: 50 }, () => factories.newTrainee()));
      const answers = await Promise.all(trainees.map((t) => enroll(t, cohort.id)));
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
      const enrolled = answers.filter((a) => a.body.status === 'enrolled');
      const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
      expect(enrolled).toHaveLength(10);
      expect(waitlisted).toHaveLength(40);
      expect(waitlisted.map((a) => a.body.waitlistPosition).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      const [seats] = await app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM enrollments WHERE cohort_id = $1 AND status = 'enrolled'`,
        [cohort.id],
      );
      expect(Number(seats!.n)).toBe(10);

      const byPosition = new Map<number, string>(
        waitlisted.map((a) => [a.body.waitlistPosition as number, a.body.userId as string]),
      );
      const leaving = enrolled
        .slice(0, 3)
        .map((a) => trainees.find((t) => t.id === a.body.userId)!);
      for (const t of leaving)
        await api().delete(`/api/v1/cohorts/${cohort.id}/enrollments/me`).set(t.auth).expect(204);
      await app.settle();

      const list = await api()
        .get(`/api/v1/cohorts/${cohort.id}/enrollments?limit=200`)
        .set(admin.auth)
        .expect(200);
      const items = list.body.items as {
        userId: string;
        status: string;
        waitlistPosition: number | null;
      }[];
      const nowEnrolled = new Set(
        items.filter((i) => i.status === 'enrolled').map((i) => i.userId),
      );
      expect(nowEnrolled.size).toBe(10);
      for (const position of [1, 2, 3])
        expect(nowEnrolled.has(byPosition.get(position)!)).toBe(true);
      expect(nowEnrolled.has(byPosition.get(4)!)).toBe(false);
      const stillWaiting = items.filter((i) => i.status === 'waitlisted');
      expect(stillWaiting.map((i) => i.waitlistPosition)).toEqual(
        Array.from({ length: 37 }, (_, i) => i + 1),
      );
      expect(stillWaiting[0]!.userId).toBe(byPosition.get(4));
      const [notified] = await app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'waitlist_promoted' AND user_id = ANY($1::uuid[])`,
        [[1, 2, 3].map((p) => byPosition.get(p))],
      );
      expect(Number(notified!.n)).toBe(3);
      await api()
        .delete(`/api/v1/cohorts/${cohort.id}/enrollments/me`)
        .set(leaving[0]!.auth)
        .expect(404);
    });
  });

  describe('attendance and completion', () => {
    async function pastCohort(ceEligible = false) {
      const course = await newCourse({ sessionCount: 3, completionMinSessions: 2 });
      const cohort = await newCohort(course.id, { startDate: '2025-01-07', ceEligible });
      const a = await factories.newTrainee();
      const b = await factories.newTrainee();
      await enroll(admin, cohort.id, { userId: a.id, requestCe: true }).expect(201);
      await enroll(admin, cohort.id, { userId: b.id }).expect(201);
      return { course, cohort, a, b };
    }

    const mark = (user: TestUser, cohortId: string, sessionId: string, records: unknown) =>
      api()
        .put(`/api/v1/cohorts/${cohortId}/sessions/${sessionId}/attendance`)
        .set(user.auth)
        .send({ records });

    it('should record attendance of enrolled trainees only, by admins and teachers', async () => {
      const { course, cohort, a, b } = await pastCohort();
      const [s1] = cohort.sessions;
      const saved = await mark(admin, cohort.id, s1!.id, [
        { userId: a.id, status: 'present' },
        { userId: b.id, status: 'excused' },
      ]).expect(200);
      expect(saved.body.records).toHaveLength(2);
      const stranger = await factories.newTrainee();
      const refused = await mark(admin, cohort.id, s1!.id, [
        { userId: a.id, status: 'present' },
        { userId: stranger.id, status: 'present' },
      ]).expect(422);
      expect(refused.body.notEnrolled).toEqual([stranger.id]);
      await mark(a, cohort.id, s1!.id, [{ userId: a.id, status: 'present' }]).expect(403);
      await mark(admin, cohort.id, s1!.id, [{ userId: a.id, status: 'late' }]).expect(400);
      await mark(admin, cohort.id, s1!.id, [{ userId: a.id, status: 'present', note: 'x' }]).expect(
        400,
      );
      const other = await newCohort(course.id, { startDate: '2025-02-04' });
      await mark(admin, cohort.id, other.sessions[0]!.id, [
        { userId: a.id, status: 'present' },
      ]).expect(404);
      const teacher = await factories.newMentor();
      await api()
        .post(`/api/v1/cohorts/${cohort.id}/teachers`)
        .set(admin.auth)
        .send({ userId: teacher.id, role: 'co_teacher' })
        .expect(201);
      await mark(teacher, cohort.id, s1!.id, [{ userId: b.id, status: 'absent' }]).expect(200);
      const rows = await app.db.query<{ user_id: string; status: string }>(
        'SELECT user_id, status FROM attendance_records WHERE session_id = $1 ORDER BY status',
        [s1!.id],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { user_id: a.id, status: 'present' },
          { user_id: b.id, status: 'absent' },
        ]),
      );
    });

    it('should complete once: excused does not count, completedAt is the last session end', async () => {
      const { cohort, a, b } = await pastCohort(true);
      const [s1, s2, s3] = cohort.sessions;
      await mark(admin, cohort.id, s1!.id, [
        { userId: a.id, status: 'present' },
        { userId: b.id, status: 'present' },
      ]).expect(200);
      await mark(admin, cohort.id, s2!.id, [
        { userId: a.id, status: 'present' },
        { userId: b.id, status: 'excused' },
      ]).expect(200);
      await mark(admin, cohort.id, s3!.id, [
        { userId: a.id, status: 'absent' },
        { userId: b.id, status: 'absent' },
      ]).expect(200);
      await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(a.auth).expect(403);
      await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(admin.auth).expect(202);
      await app.settle();
      await api().post(`/api/v1/cohorts/${cohort.id}/complete`).set(admin.auth).expect(202);
      await app.settle();

      const shown = await api().get(`/api/v1/cohorts/${cohort.id}`).set(admin.auth).expect(200);
      expect(shown.body.status).toBe('completed');
      const mineA = await api().get('/api/v1/me/enrollments').set(a.auth).expect(200);
      expect(mineA.body.items[0].completedAt).toBe(s3!.endsAt);
      expect(mineA.body.items[0].attendedSessions).toBe(2);
      const mineB = await api().get('/api/v1/me/enrollments').set(b.auth).expect(200);
      expect(mineB.body.items[0].completedAt).toBeNull();
      const [events] = await app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'cohort.completed' AND subject = $1`,
        [`cohort/${cohort.id}`],
      );
      expect(Number(events!.n)).toBe(1);
      const [ce] = await app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox WHERE job_name = $1 AND payload->>'cohortId' = $2`,
        [JobName.IssueCohortCeCredits, cohort.id],
      );
      expect(Number(ce!.n)).toBe(1);
      await mark(admin, cohort.id, s1!.id, [{ userId: b.id, status: 'present' }]).expect(409);

      const results = await factories.judge(b.id, [
        {
          key: 'msc',
          kind: RequirementKind.CourseCompleted,
          title: 'MSC',
          params: { formats: ['msc_8_week'] },
        },
      ]);
      expect(results.get('msc')).toMatchObject({ met: false, have: 1, need: 2 });
      expect(results.get('msc')!.nextStep).toBe('Enroll in an 8-week MSC course');
      const forA = await factories.judge(a.id, [
        {
          key: 'msc',
          kind: RequirementKind.CourseCompleted,
          title: 'MSC',
          params: { formats: ['msc_8_week', 'msc_intensive'] },
        },
        {
          key: 'tt',
          kind: RequirementKind.CourseCompleted,
          title: 'TT',
          params: { formats: ['teacher_training'] },
        },
      ]);
      expect(forA.get('msc')).toMatchObject({ met: true, have: 2, need: 2 });
      expect(forA.get('msc')!.metAt!.toISOString()).toBe(s3!.endsAt);
      expect(forA.get('tt')).toMatchObject({ met: false, have: 0 });
    });

    it('should tell a trainee enrolled in a past cohort that its attendance is not recorded yet', async () => {
      const course = await newCourse({ sessionCount: 3, completionMinSessions: 2 });
      const cohort = await newCohort(course.id, { startDate: inDays(-60) });
      const trainee = await factories.newTrainee();
      await enroll(admin, cohort.id, { userId: trainee.id }).expect(201);
      const judge = async () =>
        (
          await factories.judge(trainee.id, [
            {
              key: 'msc',
              kind: RequirementKind.CourseCompleted,
              title: 'MSC',
              params: { formats: ['msc_8_week'] },
            },
          ])
        ).get('msc')!;

      expect(await judge()).toMatchObject({
        met: false,
        have: 0,
        need: 2,
        nextStep: `Attendance for 3 past sessions of Tuesday evenings is not recorded yet; the course's teachers or an admin record it`,
      });
      await mark(admin, cohort.id, cohort.sessions[0]!.id, [
        { userId: trainee.id, status: 'absent' },
      ]).expect(200);
      await mark(admin, cohort.id, cohort.sessions[1]!.id, [
        { userId: trainee.id, status: 'absent' },
      ]).expect(200);
      expect((await judge()).nextStep).toBe('Enroll in an 8-week MSC course');
    });
  });

  describe('reminders', () => {
    it('should schedule reminders as delayed jobs, move them with the session and deliver them', async () => {
      const course = await newCourse({ sessionCount: 2, completionMinSessions: 2 });
      const cohort = await newCohort(course.id, { startDate: inDays(10) });
      const trainee = await factories.newTrainee();
      await enroll(trainee, cohort.id).expect(201);
      const delayedIds = async () =>
        (await app.queue(QueueName.Scheduling).getDelayed()).map((j) => j.id!).sort();
      const [s1, s2] = cohort.sessions;
      const idOf = (s: Session, offset: string, at = s.startsAt) =>
        `reminder.${s.id}.${offset}.${Date.parse(at)}`;
      expect(await delayedIds()).toEqual(
        expect.arrayContaining([
          idOf(s1!, '24h'),
          idOf(s1!, '1h'),
          idOf(s2!, '24h'),
          idOf(s2!, '1h'),
        ]),
      );
      const job = await app.queue(QueueName.Scheduling).getJob(idOf(s1!, '24h'));
      const delay = job!.timestamp + job!.delay - Date.parse(s1!.startsAt);
      expect(Math.abs(delay + 24 * 3600_000)).toBeLessThan(60_000);

      const newStart = new Date(Date.parse(s1!.startsAt) + 24 * 3600_000).toISOString();
      const moved = await api()
        .put(`/api/v1/cohorts/${cohort.id}/sessions/${s1!.id}`)
        .set(admin.auth)
        .send({ startsAt: newStart })
        .expect(200);
      expect(moved.body.startsAt).toBe(newStart);
      await api()
        .put(`/api/v1/cohorts/${cohort.id}/sessions/${s1!.id}`)
        .set(admin.auth)
        .send({ startsAt: s2!.startsAt })
        .expect(409);
      await api()
        .put(`/api/v1/cohorts/${cohort.id}/sessions/${s1!.id}`)
        .set(trainee.auth)
        .send({ startsAt: newStart })
        .expect(403);
      await app.settle();
      const ids = await delayedIds();
      expect(ids).not.toContain(idOf(s1!, '24h'));
      expect(ids).not.toContain(idOf(s1!, '1h'));
      expect(ids).toEqual(
        expect.arrayContaining([idOf(s1!, '24h', newStart), idOf(s1!, '1h', newStart)]),
      );

      await app.runDelayed(QueueName.Scheduling);
      const reminders = await app.db.query<{ title: string }>(
        `SELECT title FROM notifications WHERE user_id = $1 AND kind = 'session_reminder'`,
        [trainee.id],
      );
      expect(reminders).toHaveLength(4);
      const still = await api().get(`/api/v1/cohorts/${cohort.id}`).set(admin.auth).expect(200);
      expect(still.body.status).toBe('open');
    });

    it('should give a past cohort no reminders', async () => {
      const course = await newCourse({ sessionCount: 2, completionMinSessions: 2 });
      await newCohort(course.id, { startDate: '2024-05-06' });
      expect(await app.queue(QueueName.Scheduling).getDelayed()).toEqual([]);
    });
  });
});
