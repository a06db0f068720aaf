import { DateTime } from 'luxon';
import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';

const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

describe('admins edit and retire courses (e2e)', () => {
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
  afterAll(() => app?.close());

  const api = () => request(app.server);

  async function newCourse(code = `MSC-${Math.random().toString(36).slice(2, 8)}`) {
    const res = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code,
        title: 'Mindful Self-Compassion',
        format: 'msc_8_week',
        sessionCount: 4,
        sessionMinutes: 120,
        completionMinSessions: 3,
        ceHours: 8,
        ceAccreditor: 'Test accreditor',
      })
      .expect(201);
    return res.body as { id: string; code: string };
  }

  const newCohort = (courseId: string, startDate = inDays(14)) =>
    api().post('/api/v1/cohorts').set(admin.auth).send({
      courseId,
      title: 'Tuesday evenings',
      startDate,
      localTime: '18:30',
      timeZone: 'Europe/Lisbon',
      capacity: 5,
      ceEligible: false,
    });

  const auditOf = (courseId: string, action: string) =>
    app.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      'SELECT actor_id, details FROM audit_events WHERE subject = $1 AND action = $2',
      [`course/${courseId}`, action],
    );

  const getCourse = async (id: string) =>
    (await api().get(`/api/v1/courses/${id}`).set(admin.auth).expect(200)).body as Record<
      string,
      unknown
    >;

  describe('PATCH /courses/:id', () => {
    it('should change every field of a course without cohorts, and audit what changed', async () => {
      const course = await newCourse();

      const res = await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({
          code: 'MSC-NEW',
          title: '  MSC, revised ',
          format: 'msc_intensive',
          sessionCount: 6,
          sessionMinutes: 90,
          completionMinSessions: 5,
          ceHours: 12.5,
          ceAccreditor: null,
        })
        .expect(200);

      expect(res.body).toMatchObject({
        id: course.id,
        code: 'MSC-NEW',
        title: 'MSC, revised',
        format: 'msc_intensive',
        sessionCount: 6,
        sessionMinutes: 90,
        completionMinSessions: 5,
        ceHours: 12.5,
        ceAccreditor: null,
        retiredAt: null,
      });
      const [audit, ...more] = await auditOf(course.id, 'course.updated');
      expect(more).toHaveLength(0);
      expect(audit!.actor_id).toBe(admin.id);
      expect(audit!.details).toEqual({
        changes: {
          code: 'MSC-NEW',
          title: 'MSC, revised',
          format: 'msc_intensive',
          sessionCount: 6,
          sessionMinutes: 90,
          completionMinSessions: 5,
          ceHours: 12.5,
          ceAccreditor: null,
        },
        from: {
          code: course.code,
          title: 'Mindful Self-Compassion',
          format: 'msc_8_week',
          sessionCount: 4,
          sessionMinutes: 120,
          completionMinSessions: 3,
          ceHours: 8,
          ceAccreditor: 'Test accreditor',
        },
      });
    });

    it('should audit nothing when nothing changes', async () => {
      const course = await newCourse();
      await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ title: 'Mindful Self-Compassion', sessionCount: 4 })
        .expect(200);
      expect(await auditOf(course.id, 'course.updated')).toHaveLength(0);
    });

    it('should keep the format, session count and minutes once cohorts exist, and still change the rest', async () => {
      const course = await newCourse();
      await newCohort(course.id).expect(201);
      await app.settle();
      const before = await getCourse(course.id);

      for (const body of [{ format: 'msc_intensive' }, { sessionCount: 8, title: 'Changed' }]) {
        const refused = await api()
          .patch(`/api/v1/courses/${course.id}`)
          .set(admin.auth)
          .send(body);
        expectProblem(refused, 409);
        expect(refused.body.detail).toMatch(/fixed once the course has a cohort/);
        expect(refused.body.cohortCount).toBe(1);
      }
      const minutes = await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ sessionMinutes: 60 });
      expectProblem(minutes, 409);
      expect(minutes.body.detail).toMatch(/minutes per session are fixed/);
      expect(await getCourse(course.id)).toEqual(before);
      expect(await auditOf(course.id, 'course.updated')).toHaveLength(0);

      // The same values are no change, and the other fields still change.
      const res = await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ format: 'msc_8_week', sessionCount: 4, completionMinSessions: 4, ceHours: 10 })
        .expect(200);
      expect(res.body).toMatchObject({ completionMinSessions: 4, ceHours: 10, sessionCount: 4 });
      const [audit] = await auditOf(course.id, 'course.updated');
      expect(audit!.details).toEqual({
        changes: { completionMinSessions: 4, ceHours: 10 },
        from: { completionMinSessions: 3, ceHours: 8 },
      });
    });

    it('should keep completions already recorded when the minimum changes', async () => {
      const course = await newCourse();
      const cohortId = (await newCohort(course.id, inDays(-25)).expect(201)).body.id as string;
      await app.settle();
      const trainee = await factories.newTrainee();
      await api()
        .post(`/api/v1/cohorts/${cohortId}/enrollments`)
        .set(admin.auth)
        .send({ userId: trainee.id })
        .expect(201);
      const cohort = await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth).expect(200);
      const sessions = cohort.body.sessions as { id: string }[];
      // Three of four sessions attended: the course's minimum.
      for (const [i, session] of sessions.entries()) {
        await api()
          .put(`/api/v1/cohorts/${cohortId}/sessions/${session.id}/attendance`)
          .set(admin.auth)
          .send({ records: [{ userId: trainee.id, status: i < 3 ? 'present' : 'absent' }] })
          .expect(200);
      }
      await api().post(`/api/v1/cohorts/${cohortId}/complete`).set(admin.auth).expect(202);
      await app.settle();
      const completedAt = async () =>
        (
          await app.db.query<{ completed_at: Date | null }>(
            'SELECT completed_at FROM enrollments WHERE cohort_id = $1 AND user_id = $2',
            [cohortId, trainee.id],
          )
        )[0]!.completed_at;
      const recorded = await completedAt();
      expect(recorded).not.toBeNull();

      await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ completionMinSessions: 4 })
        .expect(200);

      expect(await completedAt()).toEqual(recorded);
    });

    it('should refuse a taken code, a minimum above the sessions, bad input, non-admins and unknown courses, changing nothing', async () => {
      const course = await newCourse();
      const other = await newCourse('MSC-TAKEN');
      const trainee = await factories.newTrainee();
      const before = await getCourse(course.id);

      const clash = await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ code: other.code, title: 'Changed' });
      expectProblem(clash, 409);
      expect(clash.body.detail).toMatch(/MSC-TAKEN/);

      const above = await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ completionMinSessions: 5 });
      expectProblem(above, 400);
      expect(above.body.detail).toMatch(/cannot exceed sessionCount/);
      const fewer = await api()
        .patch(`/api/v1/courses/${course.id}`)
        .set(admin.auth)
        .send({ sessionCount: 2 });
      expectProblem(fewer, 400);

      for (const body of [
        { code: 'has spaces' },
        { sessionMinutes: 0 },
        { title: '' },
        { status: 'x' },
      ]) {
        expectProblem(
          await api().patch(`/api/v1/courses/${course.id}`).set(admin.auth).send(body),
          400,
        );
      }
      expectProblem(
        await api().patch(`/api/v1/courses/${course.id}`).set(trainee.auth).send({ title: 'x' }),
        403,
      );
      expectProblem(
        await api()
          .patch('/api/v1/courses/00000000-0000-4000-8000-000000000000')
          .set(admin.auth)
          .send({ title: 'x' }),
        404,
      );
      expectProblem(
        await api().patch('/api/v1/courses/not-a-uuid').set(admin.auth).send({ title: 'x' }),
        400,
      );

      expect(await getCourse(course.id)).toEqual(before);
      expect(await auditOf(course.id, 'course.updated')).toHaveLength(0);
    });
  });

  describe('retire and reinstate', () => {
    it('should stop new cohorts of a retired course, keep its cohorts, list it apart and reinstate it', async () => {
      const course = await newCourse();
      const active = await newCourse();
      const cohortId = (await newCohort(course.id).expect(201)).body.id as string;
      await app.settle();

      const retired = await api()
        .post(`/api/v1/courses/${course.id}/retire`)
        .set(admin.auth)
        .send({ reason: '  Replaced by the 2028 edition ' })
        .expect(200);
      expect(retired.body).toMatchObject({
        id: course.id,
        retiredAt: expect.any(String),
        retirementReason: 'Replaced by the 2028 edition',
      });
      const [audit] = await auditOf(course.id, 'course.retired');
      expect(audit).toMatchObject({
        actor_id: admin.id,
        details: { reason: 'Replaced by the 2028 edition' },
      });

      const refused = await newCohort(course.id);
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/course retired/);
      const [{ count }] = (await app.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM cohorts WHERE course_id = $1',
        [course.id],
      )) as [{ count: number }];
      expect(count).toBe(1);

      // Its cohort carries on.
      const cohort = await api().get(`/api/v1/cohorts/${cohortId}`).set(admin.auth).expect(200);
      expect(cohort.body.status).toBe('open');
      const trainee = await factories.newTrainee();
      await api()
        .post(`/api/v1/cohorts/${cohortId}/enrollments`)
        .set(trainee.auth)
        .send({})
        .expect(201);

      const ids = async (query: string) =>
        (
          (await api().get(`/api/v1/courses${query}`).set(trainee.auth).expect(200)).body.items as {
            id: string;
          }[]
        ).map((c) => c.id);
      expect(await ids('')).toContain(active.id);
      expect(await ids('')).not.toContain(course.id);
      expect(await ids('?include=retired')).toEqual(expect.arrayContaining([course.id, active.id]));
      expect(await ids('?status=retired')).toEqual([course.id]);
      expect(await ids('?status=all')).toEqual(expect.arrayContaining([course.id, active.id]));
      expectProblem(await api().get('/api/v1/courses?status=gone').set(admin.auth), 400);

      const again = await api()
        .post(`/api/v1/courses/${course.id}/retire`)
        .set(admin.auth)
        .send({});
      expectProblem(again, 409);

      const reinstated = await api()
        .post(`/api/v1/courses/${course.id}/reinstate`)
        .set(admin.auth)
        .expect(200);
      expect(reinstated.body).toMatchObject({ retiredAt: null, retirementReason: null });
      expect(await auditOf(course.id, 'course.reinstated')).toHaveLength(1);
      await newCohort(course.id).expect(201);
      expect(await ids('')).toContain(course.id);

      expectProblem(
        await api().post(`/api/v1/courses/${course.id}/reinstate`).set(admin.auth),
        409,
      );
    });

    it('should refuse non-admins, unknown courses and a long reason, changing nothing', async () => {
      const course = await newCourse();
      const trainee = await factories.newTrainee();
      expectProblem(
        await api().post(`/api/v1/courses/${course.id}/retire`).set(trainee.auth).send({}),
        403,
      );
      expectProblem(
        await api()
          .post('/api/v1/courses/00000000-0000-4000-8000-000000000000/retire')
          .set(admin.auth)
          .send({}),
        404,
      );
      expectProblem(
        await api()
          .post(`/api/v1/courses/${course.id}/retire`)
          .set(admin.auth)
          .send({ reason: 'x'.repeat(1001) }),
        400,
      );
      expectProblem(
        await api().post(`/api/v1/courses/${course.id}/reinstate`).set(trainee.auth),
        403,
      );
      expect((await getCourse(course.id)).retiredAt).toBeNull();
      expect(await auditOf(course.id, 'course.retired')).toHaveLength(0);
    });
  });
});
