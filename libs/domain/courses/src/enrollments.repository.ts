import { Injectable } from '@nestjs/common';
import { abortReason, composeWrites, TransactionHost, type WritePart } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import type { CohortStatus } from './cohort.entity.js';
import type { CourseFormat } from './course.entity.js';
import { EnrollmentStatus } from './enrollment.entity.js';
import { type CohortEnrollmentView, iso, type MyEnrollmentView } from './courses.views.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';

export interface EnrollmentRow {
  id: string;
  cohort_id: string;
  user_id: string;
  status: EnrollmentStatus;
  waitlisted_at: Date | null;
}

const ENROLLMENT_COLUMNS = 'id, cohort_id, user_id, status, waitlisted_at';

type Nullable<T> = { [K in keyof T]: T[K] | null };

// The 1-based place in the cohort's waitlist, from waitlisted_at order (ties broken by id).
const WAITLIST_POSITION = (e: string) => `CASE WHEN ${e}.status = 'waitlisted' THEN (
    SELECT count(*)::int FROM enrollments w
    WHERE w.cohort_id = ${e}.cohort_id AND w.status = 'waitlisted'
      AND (w.waitlisted_at, w.id) <= (${e}.waitlisted_at, ${e}.id)) END`;

const ATTENDED = (e: string) => `(SELECT count(*)::int FROM attendance_records a
    WHERE a.cohort_id = ${e}.cohort_id AND a.user_id = ${e}.user_id AND a.status = 'present')`;

// A withdrawn person's row comes back to life with fresh times; an active one is left alone.
const REENROLL = `ON CONFLICT (cohort_id, user_id) DO UPDATE SET
         status = EXCLUDED.status, request_ce = EXCLUDED.request_ce,
         license_number = EXCLUDED.license_number, enrolled_at = EXCLUDED.enrolled_at,
         waitlisted_at = EXCLUDED.waitlisted_at, withdrawn_at = NULL, completed_at = NULL,
         created_by = EXCLUDED.created_by
       WHERE enrollments.status = 'withdrawn'`;

export const alreadyEnrolled = () =>
  new CoursesError(
    CoursesErrorCode.AlreadyEnrolled,
    'Already enrolled or on the waitlist of this cohort',
  );

/** The seat a cohort seemed to have went to a row of another id: nothing was written; retry. */
export class SeatTakenMeanwhile extends Error {}

// Why enrollInFreeSeat's statement undid itself (msc_abort's message).
const ALREADY_ENROLLED = 'already_enrolled';
const ANOTHER_ID = 'enrolled_under_another_id';

export interface NewEnrollment {
  cohortId: string;
  userId: string;
  requestCe: boolean;
  licenseNumber: string | null;
  createdBy: string;
}

/**
 * Enrollments and the waitlist. The cohort's seats_taken counts its enrolled rows: every statement
 * here that moves a row into or out of `enrolled` moves the counter with it, in the same statement.
 */
@Injectable()
export class EnrollmentsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Takes a free seat and enrolls in it, with `writes` (the notification, the audit), in one
   * statement that commits on its own (or with the caller's transaction): a guarded increment of
   * the cohort's seats_taken (below capacity, the cohort in one of `statuses`), the enrollment
   * under `input.id` (a withdrawn person's row, whose id that is, comes back), and the writes. The
   * cohort row is locked only while PostgreSQL runs and commits it: no round trip to the client
   * happens under that lock. Null, having written nothing, when there was no free seat.
   * Throws, having written nothing, `alreadyEnrolled` when the person turned out to be enrolled or
   * waitlisted, and SeatTakenMeanwhile when a concurrent request of theirs gave their row another
   * id than `input.id` (the writes name that id); a seat is never claimed for nobody.
   */
  async enrollInFreeSeat(
    input: NewEnrollment & { id: string; statuses: readonly CohortStatus[] },
    writes: readonly WritePart[] = [],
  ): Promise<EnrollmentRow | null> {
    const parts = composeWrites(writes, 'enrolled', [
      input.cohortId,
      input.id,
      input.userId,
      input.requestCe,
      input.licenseNumber,
      input.createdBy,
      input.statuses,
    ]);
    let result: { seated: boolean } & Nullable<EnrollmentRow>;
    try {
      [result] = await this.tx.query<{ seated: boolean } & Nullable<EnrollmentRow>>(
        `WITH seat AS (
           UPDATE cohorts SET seats_taken = seats_taken + 1
           WHERE id = $1 AND seats_taken < capacity AND status = ANY($7::text[])
           RETURNING id),
         enrolled AS (
           INSERT INTO enrollments (id, cohort_id, user_id, status, request_ce, license_number,
             enrolled_at, created_by)
           SELECT $2::uuid, seat.id, $3::uuid, 'enrolled', $4::boolean, $5::text,
                  clock_timestamp(), $6::uuid
           FROM seat
           ${REENROLL}
           RETURNING ${ENROLLMENT_COLUMNS})${parts.ctes}
         SELECT s.seated, e.*,
                CASE WHEN s.seated AND e.id IS NULL THEN msc_abort('${ALREADY_ENROLLED}')
                     WHEN s.seated AND e.id <> $2::uuid THEN msc_abort('${ANOTHER_ID}')
                END AS aborted
         FROM (SELECT EXISTS (SELECT 1 FROM seat) AS seated) s LEFT JOIN enrolled e ON true`,
        parts.values,
        { prepare: true },
      );
    } catch (error) {
      const reason = abortReason(error);
      if (reason === ALREADY_ENROLLED) throw alreadyEnrolled();
      if (reason === ANOTHER_ID) throw new SeatTakenMeanwhile();
      throw error;
    }
    if (!result!.seated) return null;
    parts.committed();
    const { seated: _, aborted: __, ...row } = result as typeof result & { aborted: unknown };
    return row as EnrollmentRow;
  }

  /**
   * Puts the person at the end of the waitlist (no seat changes hands) and tells their place in it;
   * null when they are already enrolled or waitlisted. The caller holds the cohort's lock, so every
   * earlier waitlisting has committed: clock_timestamp(), not now(), so that the order of
   * waitlisted_at is the order in which that lock was granted, and the place is theirs plus one.
   */
  async waitlist(input: NewEnrollment): Promise<(EnrollmentRow & { position: number }) | null> {
    const rows = await this.tx.query<EnrollmentRow & { position: number }>(
      `WITH queued AS (
         INSERT INTO enrollments (cohort_id, user_id, status, request_ce, license_number,
           waitlisted_at, created_by)
         VALUES ($1, $2, 'waitlisted', $3, $4, clock_timestamp(), $5)
         ${REENROLL}
         RETURNING ${ENROLLMENT_COLUMNS})
       SELECT q.*, 1 + (SELECT count(*)::int FROM enrollments w
                        WHERE w.cohort_id = q.cohort_id AND w.status = 'waitlisted'
                          AND (w.waitlisted_at, w.id) < (q.waitlisted_at, q.id)) AS position
       FROM queued q`,
      [input.cohortId, input.userId, input.requestCe, input.licenseNumber, input.createdBy],
    );
    return rows[0] ?? null;
  }

  /** Withdraws an enrolled or waitlisted person; a seat they held is given back. */
  async withdraw(cohortId: string, userId: string): Promise<EnrollmentRow | null> {
    const rows = await this.tx.query<EnrollmentRow>(
      `WITH gone AS (
         UPDATE enrollments e SET status = 'withdrawn', withdrawn_at = now()
         FROM enrollments before
         WHERE e.id = before.id AND e.cohort_id = $1 AND e.user_id = $2
           AND e.status IN ('enrolled', 'waitlisted')
         RETURNING e.id, e.cohort_id, e.user_id, before.status, e.waitlisted_at),
       seat AS (
         UPDATE cohorts SET seats_taken = seats_taken - 1
         WHERE id = $1 AND EXISTS (SELECT 1 FROM gone WHERE status = 'enrolled'))
       SELECT * FROM gone`,
      [cohortId, userId],
    );
    return rows[0] ?? null;
  }

  /** Promotes the first `seats` waitlisted people, first in first out, into seats of the cohort. */
  async promote(cohortId: string, seats: number): Promise<EnrollmentRow[]> {
    if (seats <= 0) return [];
    return this.tx.query<EnrollmentRow>(
      `WITH promoted AS (
         UPDATE enrollments e SET status = 'enrolled', enrolled_at = clock_timestamp()
         WHERE e.id IN (
           SELECT id FROM enrollments WHERE cohort_id = $1 AND status = 'waitlisted'
           ORDER BY waitlisted_at, id LIMIT $2)
         RETURNING e.id, e.cohort_id, e.user_id, e.status, e.waitlisted_at),
       seats AS (
         UPDATE cohorts SET seats_taken = seats_taken + (SELECT count(*) FROM promoted)
         WHERE id = $1 AND EXISTS (SELECT 1 FROM promoted))
       SELECT * FROM promoted`,
      [cohortId, seats],
    );
  }

  async enrolledUserIds(cohortId: string, userIds?: string[]): Promise<string[]> {
    const rows = await this.tx.query<{ user_id: string }>(
      `SELECT user_id FROM enrollments
       WHERE cohort_id = $1 AND status = 'enrolled' AND ($2::uuid[] IS NULL OR user_id = ANY($2))`,
      [cohortId, userIds ?? null],
    );
    return rows.map((r) => r.user_id);
  }

  async listForCohort(filter: {
    cohortId: string;
    status?: EnrollmentStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: CohortEnrollmentView[]; total: number }> {
    const { items: rows, total } = await this.tx.page<{
      id: string;
      cohort_id: string;
      user_id: string;
      display_name: string;
      email: string;
      status: EnrollmentStatus;
      waitlist_position: number | null;
      request_ce: boolean;
      license_number: string | null;
      enrolled_at: Date | null;
      waitlisted_at: Date | null;
      withdrawn_at: Date | null;
      completed_at: Date | null;
      attended_sessions: number;
    }>(
      {
        sql: `SELECT e.id, e.status, e.enrolled_at, e.waitlisted_at, e.created_at FROM enrollments e
              WHERE e.cohort_id = $1 AND ($2::text IS NULL OR e.status = $2)`,
        params: [filter.cohortId, filter.status ?? null],
        orderBy: `CASE status WHEN 'enrolled' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                  COALESCE(enrolled_at, waitlisted_at, created_at), id`,
        // The waitlist place and the attendance count, for the page's enrollments only.
        perRow: {
          joins: `JOIN enrollments e ON e.id = page.id JOIN ${PEOPLE} u ON u.id = e.user_id`,
          columns: `e.id, e.cohort_id, e.user_id, u.display_name, u.email, e.status,
                    ${WAITLIST_POSITION('e')} AS waitlist_position,
                    e.request_ce, e.license_number, e.enrolled_at, e.waitlisted_at, e.withdrawn_at,
                    e.completed_at, e.created_at, ${ATTENDED('e')} AS attended_sessions`,
        },
      },
      filter,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        cohortId: r.cohort_id,
        userId: r.user_id,
        displayName: r.display_name,
        email: r.email,
        status: r.status,
        waitlistPosition: r.waitlist_position,
        requestCe: r.request_ce,
        licenseNumber: r.license_number,
        enrolledAt: iso(r.enrolled_at),
        waitlistedAt: iso(r.waitlisted_at),
        withdrawnAt: iso(r.withdrawn_at),
        completedAt: iso(r.completed_at),
        attendedSessions: r.attended_sessions,
      })),
      total,
    };
  }

  async listForUser(filter: {
    userId: string;
    limit: number;
    offset: number;
  }): Promise<{ items: MyEnrollmentView[]; total: number }> {
    const { items: rows, total } = await this.tx.page<{
      id: string;
      cohort_id: string;
      user_id: string;
      status: EnrollmentStatus;
      waitlist_position: number | null;
      request_ce: boolean;
      enrolled_at: Date | null;
      completed_at: Date | null;
      attended_sessions: number;
      cohort_title: string;
      cohort_status: CohortStatus;
      start_date: string;
      start_day: Date;
      local_time: string;
      time_zone: string;
      first_session_at: Date | null;
      last_session_ends_at: Date | null;
      course_id: string;
      code: string;
      course_title: string;
      format: CourseFormat;
      completion_min_sessions: number;
    }>(
      {
        sql: `SELECT e.id, c.id AS cohort_id, c.start_date AS start_day
              FROM enrollments e JOIN cohorts c ON c.id = e.cohort_id
              WHERE e.user_id = $1`,
        params: [filter.userId],
        orderBy: 'start_day DESC, id',
        // The waitlist place, the attendance and the session dates, for the page's rows only.
        perRow: {
          joins: `JOIN enrollments e ON e.id = page.id
                  JOIN cohorts c ON c.id = page.cohort_id
                  JOIN courses co ON co.id = c.course_id
                  CROSS JOIN LATERAL (
                    SELECT min(starts_at) AS first_session_at, max(ends_at) AS last_session_ends_at
                    FROM cohort_sessions WHERE cohort_id = c.id) s`,
          columns: `e.id, e.cohort_id, e.user_id, e.status,
                    ${WAITLIST_POSITION('e')} AS waitlist_position, e.request_ce, e.enrolled_at,
                    e.completed_at, ${ATTENDED('e')} AS attended_sessions,
                    c.title AS cohort_title, c.status AS cohort_status,
                    to_char(c.start_date, 'YYYY-MM-DD') AS start_date, c.start_date AS start_day,
                    c.local_time, c.time_zone,
                    s.first_session_at, s.last_session_ends_at,
                    co.id AS course_id, co.code, co.title AS course_title, co.format,
                    co.completion_min_sessions`,
        },
      },
      filter,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        cohortId: r.cohort_id,
        userId: r.user_id,
        status: r.status,
        waitlistPosition: r.waitlist_position,
        requestCe: r.request_ce,
        enrolledAt: iso(r.enrolled_at),
        completedAt: iso(r.completed_at),
        attendedSessions: r.attended_sessions,
        cohort: {
          id: r.cohort_id,
          title: r.cohort_title,
          status: r.cohort_status,
          startDate: r.start_date,
          localTime: r.local_time,
          timeZone: r.time_zone,
          firstSessionAt: iso(r.first_session_at),
          lastSessionEndsAt: iso(r.last_session_ends_at),
        },
        course: {
          id: r.course_id,
          code: r.code,
          title: r.course_title,
          format: r.format,
          completionMinSessions: r.completion_min_sessions,
        },
      })),
      total,
    };
  }

  /**
   * Marks completed every enrolled trainee with enough sessions attended (excused absences do
   * not count); returns who completed. Trainees already completed are left alone.
   */
  /**
   * Takes completion back from the enrollments whose (corrected) attendance no longer meets the
   * minimum; what was issued for them (CE credits) stays.
   */
  async clearCompletions(cohortId: string, minSessions: number): Promise<{ id: string }[]> {
    return this.tx.query<{ id: string }>(
      `UPDATE enrollments e SET completed_at = NULL
       WHERE e.cohort_id = $1 AND e.completed_at IS NOT NULL
         AND (SELECT count(*) FROM attendance_records a
              WHERE a.cohort_id = e.cohort_id AND a.user_id = e.user_id AND a.status = 'present') < $2
       RETURNING e.id`,
      [cohortId, minSessions],
    );
  }

  async markCompletions(
    cohortId: string,
    minSessions: number,
    completedAt: Date,
  ): Promise<{ id: string; user_id: string }[]> {
    return this.tx.query<{ id: string; user_id: string }>(
      `UPDATE enrollments e SET completed_at = $3
       FROM (SELECT user_id, count(*) AS attended FROM attendance_records
             WHERE cohort_id = $1 AND status = 'present' GROUP BY user_id) a
       WHERE e.cohort_id = $1 AND e.status = 'enrolled' AND e.completed_at IS NULL
         AND a.user_id = e.user_id AND a.attended >= $2
       RETURNING e.id, e.user_id`,
      [cohortId, minSessions, completedAt],
    );
  }
}
