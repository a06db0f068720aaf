import { DateTime } from 'luxon';
import request from 'supertest';
import { RequirementKind } from '@msc/domain/pathway';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

const inDays = (days: number) => DateTime.utc().plus({ days }).toFormat('yyyy-LL-dd');

/** Trainees enrolling themselves in a later stage's course meet that stage's prerequisites first. */
describe('enrollment prerequisites (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let restore: (() => void)[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
  });
  afterEach(() => {
    restore.reverse().forEach((undo) => undo());
    restore = [];
  });
  afterAll(() => app.close());

  const api = () => request(app.server);

  const meet = (...kinds: RequirementKind[]) => restore.push(factories.meetRequirements(...kinds));

  async function cohortOf(format: string) {
    const course = await api()
      .post('/api/v1/courses')
      .set(admin.auth)
      .send({
        code: `${format}-${Math.random().toString(36).slice(2, 8)}`,
        title: `A ${format} course`,
        format,
        sessionCount: 3,
        sessionMinutes: 120,
        completionMinSessions: 3,
      })
      .expect(201);
    const cohort = await api()
      .post('/api/v1/cohorts')
      .set(admin.auth)
      .send({
        courseId: course.body.id,
        title: `${format} cohort`,
        startDate: inDays(20),
        localTime: '09:00',
        timeZone: 'UTC',
        capacity: 10,
        ceEligible: false,
      })
      .expect(201);
    await app.settle();
    return cohort.body.id as string;
  }

  const enrollSelf = (user: TestUser, cohortId: string) =>
    api().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(user.auth).send({});

  it('should refuse a new trainee teacher training and the practicum with what is unmet, and admit them to an MSC course', async () => {
    const trainee = await factories.newTrainee();
    const training = await cohortOf('teacher_training');
    const practicum = await cohortOf('teacher_training_practicum');
    const msc = await cohortOf('msc_8_week');

    const refused = await enrollSelf(trainee, training).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(
      /^You cannot enroll in teacher training yet: 7 requirements/,
    );
    expect(refused.body.unmet.map((u: { key: string }) => u.key)).toEqual([
      'msc_course.completed',
      'personal_practice.six_months',
      'personal_practice.daily_practice',
      'personal_practice.silent_retreat',
      'personal_practice.group_teaching',
      'personal_practice.practice_log',
      'teacher_training.application',
    ]);
    for (const unmet of refused.body.unmet as Record<string, unknown>[]) {
      expect(unmet).toEqual(
        expect.objectContaining({
          key: expect.any(String),
          title: expect.any(String),
          have: expect.any(Number),
          need: expect.any(Number),
        }),
      );
      expect(unmet.have as number).toBeLessThanOrEqual(unmet.need as number);
    }
    const refusedPracticum = await enrollSelf(trainee, practicum).expect(422);
    expect(refusedPracticum.body.unmet.map((u: { key: string }) => u.key)).toEqual(
      expect.arrayContaining(['teacher_training.application', 'teacher_training.completed']),
    );
    const [{ n }] = (await app.db.query(
      'SELECT count(*)::int AS n FROM enrollments WHERE user_id = $1',
      [trainee.id],
    )) as [{ n: number }];
    expect(n).toBe(0);

    await enrollSelf(trainee, msc).expect(201);
  });

  it('should let a trainee whose earlier stages are met and application approved enroll in teacher training', async () => {
    meet(
      RequirementKind.CourseCompleted,
      RequirementKind.AttestationVerified,
      RequirementKind.PracticeDays,
    );
    const trainee = await factories.newTrainee();
    const training = await cohortOf('teacher_training');
    // Everything before it is met but the approved application.
    const waiting = await enrollSelf(trainee, training).expect(422);
    expect(waiting.body.unmet).toEqual([
      expect.objectContaining({ key: 'teacher_training.application', have: 0, need: 1 }),
    ]);
    meet(RequirementKind.ApplicationApproved);
    const enrolled = await enrollSelf(trainee, training).expect(201);
    expect(enrolled.body).toMatchObject({
      cohortId: training,
      userId: trainee.id,
      status: 'enrolled',
    });
  });

  it('should let an admin record any enrollment, prerequisites or not', async () => {
    const trainee = await factories.newTrainee();
    const practicum = await cohortOf('teacher_training_practicum');
    await api()
      .post(`/api/v1/cohorts/${practicum}/enrollments`)
      .set(admin.auth)
      .send({ userId: trainee.id })
      .expect(201);
  });
});
