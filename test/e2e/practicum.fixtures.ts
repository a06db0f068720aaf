import { type CourseSpec, Factories, type TestApp } from '@msc/testing';

export { binary, elfExecutable, wav } from '@msc/testing';

export interface CohortFixture {
  format?: CourseSpec['format'];
  /** First session's start; sessions follow weekly. */
  startsAt: Date;
  sessions?: number;
  status?: 'open' | 'completed';
  enrolled?: number;
  /** Extra enrollments that must not count: withdrawn and waitlisted. */
  notCounted?: number;
  teachers?: { userId: string; role: 'lead' | 'co_teacher' }[];
}

/** A course, a cohort with weekly sessions, its teachers and enrolled participants. */
export async function insertCohort(app: TestApp, fixture: CohortFixture): Promise<string> {
  const factories = new Factories(app);
  const cohort = await factories.cohort({
    course: { title: 'MSC', format: fixture.format, sessions: fixture.sessions },
    title: 'Cohort',
    firstSessionAt: fixture.startsAt,
    status: fixture.status ?? 'completed',
    teachers: fixture.teachers,
  });
  const notCounted = await factories.newTrainees(fixture.notCounted ?? 0);
  await factories.enrollments(cohort.id, await factories.newTrainees(fixture.enrolled ?? 0));
  await factories.enrollments(
    cohort.id,
    notCounted.filter((_, i) => i % 2 === 0),
    {
      status: 'waitlisted',
    },
  );
  await factories.enrollments(
    cohort.id,
    notCounted.filter((_, i) => i % 2 === 1),
    {
      status: 'withdrawn',
    },
  );
  return cohort.id;
}
