import { CourseFormat, CoursesService } from '@msc/domain/courses';
import { AccessTokens } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { quantile, round, startBenchPlatform } from './bench-platform.js';

const TRAINEES = Number(process.env.BENCH_ENROLL_TRAINEES ?? 500);
const CAPACITY = Number(process.env.BENCH_ENROLL_CAPACITY ?? 100);
/** Every this-many-th trainee double-clicks: two requests at once, one must be refused. */
const DOUBLE_CLICK_EVERY = 5;
const TARGET_SECONDS = 5;

export interface EnrollmentBenchRow {
  scenario: string;
  value: string | number;
}

/**
 * TRAINEES trainees enroll themselves in a CAPACITY-seat cohort at the same moment, through
 * POST /api/v1/cohorts/:id/enrollments (Fastify `inject`), some clicking twice. Fails loudly on
 * overbooking, a duplicate enrollment, a broken waitlist order or an unexpected status.
 */
export async function benchEnrollment(): Promise<EnrollmentBenchRow[]> {
  const platform = await startBenchPlatform('enroll');
  const rows: EnrollmentBenchRow[] = [];
  try {
    const [admin] = await platform.db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
       VALUES ('bench-admin@example.org', 'not-a-hash', 'Bench admin', ARRAY['admin'], 'UTC')
       RETURNING id`,
    );
    const actor = { id: admin!.id, roles: [Role.Admin] };
    const courses = platform.get(CoursesService);
    const course = await courses.createCourse(actor, {
      code: 'MSC-BENCH',
      title: 'Mindful Self-Compassion',
      format: CourseFormat.Msc8Week,
      sessionCount: 8,
      sessionMinutes: 150,
      completionMinSessions: 7,
    });
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const cohort = await courses.createCohort(actor, {
      courseId: course.id,
      title: 'Bench cohort',
      startDate: start,
      localTime: '18:00',
      timeZone: 'Europe/Lisbon',
      capacity: CAPACITY,
      ceEligible: true,
    });
    await platform.settle(); // sessions generated, cohort open
    const trainees = await platform.db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
       SELECT 'bench-' || n || '@example.org', 'not-a-hash', 'Trainee ' || n, ARRAY['trainee'], 'UTC'
       FROM generate_series(1, $1::int) AS n RETURNING id`,
      [TRAINEES],
    );
    const tokens = platform.get(AccessTokens);
    const requests: string[] = [];
    for (const [i, trainee] of trainees.entries()) {
      const header = `Bearer ${await tokens.sign(trainee.id)}`;
      requests.push(header);
      if (i % DOUBLE_CLICK_EVERY === 0) requests.push(header);
    }
    const fastify = platform.app.getHttpAdapter().getInstance();
    const url = `/api/v1/cohorts/${cohort.id}/enrollments`;
    // One warm request outside the timing would take a seat: warm up on a read instead.
    for (let i = 0; i < 20; i++)
      await fastify.inject({
        method: 'GET',
        url: `/api/v1/cohorts/${cohort.id}`,
        headers: { authorization: requests[0]! },
      });

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      requests.map(async (authorization) => {
        const t0 = performance.now();
        const res = await fastify.inject({
          method: 'POST',
          url,
          headers: { authorization },
          payload: { requestCe: true },
        });
        latencies.push(performance.now() - t0);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await platform.settle(); // enrollment and waitlist notifications
    const settledSeconds = (performance.now() - started) / 1000;

    const [counts] = await platform.db.query<{
      enrolled: number;
      waitlisted: number;
      people: number;
      rows: number;
    }>(
      `SELECT count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
              count(DISTINCT user_id)::int AS people, count(*)::int AS rows
       FROM enrollments WHERE cohort_id = $1`,
      [cohort.id],
    );
    const doubles = requests.length - TRAINEES;
    const problems: string[] = [];
    if (counts!.enrolled > CAPACITY) problems.push(`OVERBOOKED: ${counts!.enrolled} > ${CAPACITY}`);
    if (counts!.enrolled !== Math.min(CAPACITY, TRAINEES))
      problems.push(`expected ${Math.min(CAPACITY, TRAINEES)} enrolled, got ${counts!.enrolled}`);
    if (counts!.rows !== TRAINEES || counts!.people !== TRAINEES)
      problems.push(`expected ${TRAINEES} enrollments of distinct trainees, got ${counts!.rows}`);
    if ((statuses.get(201) ?? 0) !== TRAINEES || (statuses.get(409) ?? 0) !== doubles)
      problems.push(`unexpected statuses ${JSON.stringify(Object.fromEntries(statuses))}`);

    const sorted = [...latencies].sort((a, b) => a - b);
    rows.push(
      { scenario: 'requests (trainees + double clicks)', value: `${TRAINEES} + ${doubles}` },
      { scenario: 'seats', value: CAPACITY },
      { scenario: 'all answered (s)', value: round(seconds, 3) },
      { scenario: 'enrollments per second', value: Math.round(requests.length / seconds) },
      { scenario: 'latency p50 (ms)', value: round(quantile(sorted, 0.5)) },
      { scenario: 'latency p95 (ms)', value: round(quantile(sorted, 0.95)) },
      { scenario: 'latency max (ms)', value: round(sorted[sorted.length - 1]!) },
      { scenario: '… and notifications delivered (s)', value: round(settledSeconds, 3) },
      { scenario: 'statuses', value: JSON.stringify(Object.fromEntries(statuses)) },
      { scenario: 'enrolled / waitlisted', value: `${counts!.enrolled} / ${counts!.waitlisted}` },
      {
        scenario: 'overbooking or duplicates',
        value: problems.length ? problems.join('; ') : 'none',
      },
    );
    console.log(
      `Concurrent self-enrollment, ${TRAINEES} trainees for ${CAPACITY} seats (target < ${TARGET_SECONDS} s):`,
    );
    console.table(rows);
    if (problems.length) throw new Error(`enrollment bench found: ${problems.join('; ')}`);
  } finally {
    await platform.dispose();
  }
  return rows;
}
