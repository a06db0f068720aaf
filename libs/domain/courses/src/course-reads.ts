import { Injectable, Module } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';

/** A completed cohort someone taught, with its enrolled count and its time span. */
export interface TaughtCohortRow {
  cohort_id: string;
  format: string;
  role: string;
  participants: string;
  starts_at: Date | null;
  ends_at: Date | null;
}

// What "qualifies for CE" means: enrolled, completed, asked for CE, in a CE-eligible cohort of a
// course that grants hours. Aliases: e enrollments, c cohorts, co courses.
const CE_ENROLLMENT = `e.status = 'enrolled' AND e.request_ce AND e.completed_at IS NOT NULL`;
const CE_COHORT = 'c.ce_eligible AND co.ce_hours > 0';
const CE_QUALIFIES = `${CE_ENROLLMENT} AND ${CE_COHORT}`;

/**
 * SQL that other contexts embed in their own set-based statements where a call would cost a
 * round trip (or N). Arguments are SQL expressions written in code (`$1`, `r.cohort_id`), never
 * input.
 */
export const courseSql = {
  /** Whether the cohort exists. */
  cohortExists: (cohortId: string) => `EXISTS (SELECT 1 FROM cohorts WHERE id = ${cohortId})`,
  /** Whether the user teaches (lead or co-teacher) the cohort. */
  teaches: (cohortId: string, userId: string) =>
    `EXISTS (SELECT 1 FROM cohort_teachers t WHERE t.cohort_id = ${cohortId} AND t.user_id = ${userId})`,
  /** The cohort's enrollments that qualify for CE credit: one column, `enrollment_id`. */
  ceQualifyingEnrollments: (cohortId: string) =>
    `SELECT e.id AS enrollment_id FROM enrollments e
     JOIN cohorts c ON c.id = e.cohort_id
     JOIN courses co ON co.id = c.course_id
     WHERE e.cohort_id = ${cohortId} AND ${CE_QUALIFIES}`,
  /** Completed cohorts whose completions qualify for CE: `id, completed_at`. */
  completedCeCohorts: `(SELECT c.id, c.completed_at FROM cohorts c JOIN courses co ON co.id = c.course_id
    WHERE c.status = 'completed' AND ${CE_COHORT})`,
  /**
   * Enrollments qualifying for CE (their cohort's part aside) that attended at least one session:
   * `enrollment_id, cohort_id`.
   */
  ceQualifyingAttendedEnrollments: `(SELECT e.id AS enrollment_id, e.cohort_id FROM enrollments e
    WHERE ${CE_ENROLLMENT} AND EXISTS (
      SELECT 1 FROM attendance_records a
      WHERE a.cohort_id = e.cohort_id AND a.user_id = e.user_id AND a.status = 'present'))`,
  /** Cohorts with their titles: `id, title, course_id, course_title`. */
  cohortTitles: `(SELECT c.id, c.title, c.course_id, co.title AS course_title
    FROM cohorts c JOIN courses co ON co.id = c.course_id)`,
  /**
   * Every completed cohort the user taught, with its enrolled count and its time span: the
   * columns of TaughtCohortRow.
   */
  completedCohortsTaughtBy: (userId: string) =>
    `SELECT c.id AS cohort_id, co.format, t.role,
            (SELECT count(*) FROM enrollments e
              WHERE e.cohort_id = c.id AND e.status = 'enrolled') AS participants,
            COALESCE(span.first_start, c.start_date::timestamptz) AS starts_at,
            COALESCE(span.last_end, c.completed_at) AS ends_at
     FROM cohort_teachers t
     JOIN cohorts c ON c.id = t.cohort_id
     JOIN courses co ON co.id = c.course_id
     LEFT JOIN LATERAL (
       SELECT min(s.starts_at) AS first_start, max(s.ends_at) AS last_end
       FROM cohort_sessions s WHERE s.cohort_id = c.id
     ) span ON true
     WHERE t.user_id = ${userId} AND c.status = 'completed'`,
  /**
   * Those of the enrollments `enrollmentIds` (a `uuid[]`) of the cohort that qualify for CE credit,
   * with what a certificate prints, the sessions they attended and the cohort's, one row per
   * enrollment, none for a cohort without sessions: `enrollment_id, user_id, cohort_id,
   * course_id, holder_name, license_number, course_code, course_title, delivery_mode,
   * accreditor_statement, course_ce_hours` (numeric), `time_zone, sessions_total,
   * sessions_attended, first_session_at, last_session_at`. Per-enrollment
   * index lookups (LATERAL) keep the plan fast even before the planner has statistics for freshly
   * written rows, as right after a large cohort was completed.
   */
  ceCompletions: (cohortId: string, enrollmentIds: string) =>
    `WITH sessions AS MATERIALIZED (
       SELECT count(*)::int AS total, min(starts_at) AS first_at, max(ends_at) AS last_at
       FROM cohort_sessions WHERE cohort_id = ${cohortId}
     )
     SELECT e.id AS enrollment_id, e.user_id, e.cohort_id, c.course_id,
            u.display_name AS holder_name, e.license_number,
            co.code AS course_code, co.title AS course_title, co.delivery_mode,
            co.ce_accreditor AS accreditor_statement, co.ce_hours AS course_ce_hours,
            c.time_zone, s.total AS sessions_total, a.n AS sessions_attended,
            s.first_at AS first_session_at, s.last_at AS last_session_at
     FROM enrollments e
     JOIN cohorts c ON c.id = e.cohort_id
     JOIN courses co ON co.id = c.course_id
     JOIN ${PEOPLE} u ON u.id = e.user_id
     CROSS JOIN sessions s
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS n FROM attendance_records a
       WHERE a.cohort_id = e.cohort_id AND a.user_id = e.user_id AND a.status = 'present'
     ) a
     WHERE e.id = ANY(${enrollmentIds}) AND e.cohort_id = ${cohortId} AND ${CE_QUALIFIES}
       AND s.total > 0`,
  /** Cohort sessions: `cohort_id, number, starts_at, ends_at`. */
  sessions: '(SELECT cohort_id, number, starts_at, ends_at FROM cohort_sessions)',
} as const;

/** Courses' reads for the contexts above it: each one statement, whatever the number of rows. */
@Injectable()
export class CourseReads {
  constructor(private readonly tx: TransactionHost) {}

  async cohortExists(cohortId: string): Promise<boolean> {
    const rows = await this.tx.query('SELECT 1 FROM cohorts WHERE id = $1', [cohortId]);
    return rows.length > 0;
  }

  /** Whether the cohort exists (null when not), the user teaches it and it has that session. */
  async cohortTeaching(
    cohortId: string,
    userId: string,
    sessionNumber: number,
  ): Promise<{ is_teacher: boolean; has_session: boolean } | null> {
    const rows = await this.tx.query<{ is_teacher: boolean; has_session: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM cohort_teachers t WHERE t.cohort_id = c.id AND t.user_id = $2) AS is_teacher,
              EXISTS (SELECT 1 FROM cohort_sessions s WHERE s.cohort_id = c.id AND s.number = $3) AS has_session
       FROM cohorts c WHERE c.id = $1`,
      [cohortId, userId, sessionNumber],
    );
    return rows[0] ?? null;
  }
}

/** Provides CourseReads alone, for contexts that read courses without running them. */
@Module({ providers: [CourseReads], exports: [CourseReads] })
export class CourseReadsModule {}
