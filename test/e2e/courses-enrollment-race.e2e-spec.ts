import request from 'supertest';
import { AccessTokens } from '@msc/domain/identity';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

const RACERS = 500;
const CAPACITY = 37;

/**
 * Enrollment claims its seat with a guarded increment at the end of its transaction rather than
 * holding the cohort's lock throughout: the capacity must hold when hundreds race for the seats.
 */
describe('enrollment races (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;

  beforeAll(async () => {
    // More connections than the tests' usual five, so that many transactions are in flight at once;
    // the requests beyond them wait for a connection longer than the default 5 s on a loaded machine.
    app = await createTestApp({
      env: { DATABASE_POOL_SIZE: '20', DATABASE_CONNECT_TIMEOUT_MS: '60000' },
    });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
  });
  afterAll(() => app.close());

  const api = () => request(app.server);

  async function racers(count: number): Promise<{ id: string; auth: { Authorization: string } }[]> {
    const tokens = app.get(AccessTokens);
    return Promise.all(
      (await factories.newTrainees(count)).map(async (id) => ({
        id,
        auth: { Authorization: `Bearer ${await tokens.sign(id)}` },
      })),
    );
  }

  async function seats(cohortId: string) {
    const [row] = await app.db.query<{ enrolled: number; waitlisted: number; seats_taken: number }>(
      `SELECT (SELECT count(*) FROM enrollments WHERE cohort_id = c.id AND status = 'enrolled')::int
                AS enrolled,
              (SELECT count(*) FROM enrollments WHERE cohort_id = c.id AND status = 'waitlisted')::int
                AS waitlisted,
              c.seats_taken
       FROM cohorts c WHERE c.id = $1`,
      [cohortId],
    );
    return row!;
  }

  /** The waitlist in its order, as positions are derived: by waitlisted_at, then id. */
  async function waitlistOrder(cohortId: string): Promise<string[]> {
    const rows = await app.db.query<{ user_id: string }>(
      `SELECT user_id FROM enrollments WHERE cohort_id = $1 AND status = 'waitlisted'
       ORDER BY waitlisted_at, id`,
      [cohortId],
    );
    return rows.map((r) => r.user_id);
  }

  it(`should seat exactly ${CAPACITY} of ${RACERS} concurrent enrollments and waitlist the rest in the order it reports`, async () => {
    const cohort = await factories.cohort({ capacity: CAPACITY, startedDaysAgo: -14 });
    const people = await racers(RACERS);

    const answers = await Promise.all(
      people.map((p) =>
        api().post(`/api/v1/cohorts/${cohort.id}/enrollments`).set(p.auth).send({}),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(RACERS).fill(201));
    const enrolled = answers.filter((a) => a.body.status === 'enrolled');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    expect(enrolled).toHaveLength(CAPACITY);
    expect(waitlisted).toHaveLength(RACERS - CAPACITY);
    expect(await seats(cohort.id)).toEqual({
      enrolled: CAPACITY,
      waitlisted: RACERS - CAPACITY,
      seats_taken: CAPACITY,
    });
    // Each waitlisted person was told the place they hold: no two the same, none skipped.
    const told = [...waitlisted]
      .sort((a, b) => a.body.waitlistPosition - b.body.waitlistPosition)
      .map((a) => a.body.userId as string);
    expect(waitlisted.map((a) => a.body.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: RACERS - CAPACITY }, (_, i) => i + 1),
    );
    expect(told).toEqual(await waitlistOrder(cohort.id));
    const view = await api().get(`/api/v1/cohorts/${cohort.id}`).set(admin.auth).expect(200);
    expect(view.body).toMatchObject({
      enrolledCount: CAPACITY,
      waitlistCount: RACERS - CAPACITY,
      seatsLeft: 0,
    });

    // Five seated people leave while 20 more race in: the five seats go to the head of the
    // waitlist within each withdrawal, so no newcomer ever finds one free.
    const headOfLine = told.slice(0, 5);
    const leaving = enrolled.slice(0, 5).map((a) => people.find((p) => p.id === a.body.userId)!);
    const late = await racers(20);
    const moves = await Promise.all([
      ...leaving.map((p) =>
        api().delete(`/api/v1/cohorts/${cohort.id}/enrollments/me`).set(p.auth),
      ),
      ...late.map((p) =>
        api().post(`/api/v1/cohorts/${cohort.id}/enrollments`).set(p.auth).send({}),
      ),
    ]);
    expect(moves.map((m) => m.status)).toEqual([...Array(5).fill(204), ...Array(20).fill(201)]);
    expect(moves.slice(5).map((m) => m.body.status)).toEqual(Array(20).fill('waitlisted'));
    const promoted = await app.db.query<{ user_id: string }>(
      `SELECT user_id FROM enrollments WHERE cohort_id = $1 AND user_id = ANY($2) AND status = 'enrolled'`,
      [cohort.id, headOfLine],
    );
    expect(promoted).toHaveLength(5);
    expect(await seats(cohort.id)).toEqual({
      enrolled: CAPACITY,
      waitlisted: RACERS - CAPACITY + 20 - 5,
      seats_taken: CAPACITY,
    });
  });

  it('should give one seat, one notice and one count to a person racing themselves', async () => {
    const cohort = await factories.cohort({ capacity: 5, startedDaysAgo: -14 });
    const [person] = await racers(1);

    // Each request reads "not enrolled" and claims a seat in one statement; all but the first
    // find the person enrolled and undo their claim, so the counter never counts a seat for nobody.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api().post(`/api/v1/cohorts/${cohort.id}/enrollments`).set(person!.auth).send({}),
      ),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    expect(answers.find((a) => a.status === 201)!.body.status).toBe('enrolled');
    expect(await seats(cohort.id)).toEqual({ enrolled: 1, waitlisted: 0, seats_taken: 1 });
    const notices = await app.db.query<{ kind: string }>(
      `SELECT payload->>'kind' AS kind FROM outbox WHERE payload->>'userId' = $1`,
      [person!.id],
    );
    expect(notices).toEqual([{ kind: 'enrolled' }]);
  });

  it('should keep the counter exact through re-enrollment, a capacity change and promotion', async () => {
    const cohort = await factories.cohort({ capacity: 3, startedDaysAgo: -14 });
    const people = await racers(6);
    const enroll = (p: (typeof people)[number]) =>
      api().post(`/api/v1/cohorts/${cohort.id}/enrollments`).set(p.auth).send({});
    await Promise.all(people.map((p) => enroll(p).expect(201)));
    expect(await seats(cohort.id)).toEqual({ enrolled: 3, waitlisted: 3, seats_taken: 3 });

    const [first] = (await app.db.query<{ user_id: string }>(
      `SELECT user_id FROM enrollments WHERE cohort_id = $1 AND status = 'enrolled' LIMIT 1`,
      [cohort.id],
    ))!;
    const seated = people.find((p) => p.id === first!.user_id)!;
    await api().delete(`/api/v1/cohorts/${cohort.id}/enrollments/me`).set(seated.auth).expect(204);
    // Their seat went to the waitlist's head as they left; coming back, they queue at its end.
    await enroll(seated).expect(201, /waitlisted/);
    expect(await seats(cohort.id)).toEqual({ enrolled: 3, waitlisted: 3, seats_taken: 3 });
    expect((await waitlistOrder(cohort.id)).at(-1)).toBe(seated.id);

    await api()
      .patch(`/api/v1/cohorts/${cohort.id}`)
      .set(admin.auth)
      .send({ capacity: 2 })
      .expect(409);
    await api()
      .patch(`/api/v1/cohorts/${cohort.id}`)
      .set(admin.auth)
      .send({ capacity: 5 })
      .expect(200);
    expect(await seats(cohort.id)).toEqual({ enrolled: 5, waitlisted: 1, seats_taken: 5 });
    await enroll((await racers(1))[0]!).expect(201, /waitlisted/);
    expect(await seats(cohort.id)).toEqual({ enrolled: 5, waitlisted: 2, seats_taken: 5 });
  });
});
