import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import type { CohortStatus, SessionCadence } from './cohort.entity.js';
import type { TeacherRole } from './cohort-teacher.entity.js';
import type { CourseFormat, DeliveryMode } from './course.entity.js';
import type { EnrollmentStatus } from './enrollment.entity.js';
import { type CohortView, iso, type SessionView } from './courses.views.js';
import type { PlannedSession } from './session-plan.js';

export interface NewCohort {
  courseId: string;
  title: string;
  startDate: string;
  localTime: string;
  timeZone: string;
  cadence: SessionCadence;
  capacity: number;
  ceEligible: boolean;
  createdBy: string;
}

/** The cohort and its course, as the scheduling and enrollment rules need them (row-locked). */
export interface CohortForUpdate {
  id: string;
  course_id: string;
  title: string;
  status: CohortStatus;
  capacity: number;
  seats_taken: number;
  start_date: string;
  local_time: string;
  time_zone: string;
  cadence: SessionCadence;
  ce_eligible: boolean;
  course_title: string;
  format: CourseFormat;
  session_count: number;
  session_minutes: number;
  completion_min_sessions: number;
  first_starts_at: Date | null;
  last_ends_at: Date | null;
  created_at: Date;
  reopened_at: Date | null;
}

export interface SessionRow {
  id: string;
  cohort_id: string;
  number: number;
  starts_at: Date;
  ends_at: Date;
  sequence: number;
  updated_at: Date;
}

interface CohortViewRow {
  id: string;
  course_id: string;
  title: string;
  status: CohortStatus;
  capacity: number;
  time_zone: string;
  start_date: string;
  /** start_date as a date, what lists sort on (so that its index serves). */
  start_day: Date;
  local_time: string;
  cadence: SessionCadence;
  ce_eligible: boolean;
  completed_at: Date | null;
  cancelled_at: Date | null;
  cancellation_reason: string | null;
  created_at: Date;
  course_code: string;
  course_title: string;
  format: CourseFormat;
  delivery_mode: DeliveryMode;
  session_count: number;
  session_minutes: number;
  completion_min_sessions: number;
  enrolled_count: number;
  waitlist_count: number;
  sessions: { id: string; number: number; startsAt: string; endsAt: string }[];
  teachers: { userId: string; displayName: string; role: TeacherRole }[];
}

/** The columns of a CohortViewRow, from cohort `c` and COHORT_VIEW_JOINS. */
const COHORT_VIEW_COLUMNS = `
  c.id, c.course_id, c.title, c.status, c.capacity, c.time_zone,
  to_char(c.start_date, 'YYYY-MM-DD') AS start_date, c.start_date AS start_day,
  c.local_time, c.cadence, c.ce_eligible, c.completed_at, c.cancelled_at,
  c.cancellation_reason, c.created_at,
  co.code AS course_code, co.title AS course_title, co.format, co.delivery_mode,
  co.session_count, co.session_minutes, co.completion_min_sessions,
  e.enrolled_count, e.waitlist_count,
  COALESCE(s.sessions, '[]'::json) AS sessions,
  COALESCE(t.teachers, '[]'::json) AS teachers`;

/** The course, the seat counts, the sessions and the teachers of cohort `c`. */
const COHORT_VIEW_JOINS = `
  JOIN courses co ON co.id = c.course_id
  CROSS JOIN LATERAL (
    SELECT (count(*) FILTER (WHERE en.status = 'enrolled'))::int AS enrolled_count,
           (count(*) FILTER (WHERE en.status = 'waitlisted'))::int AS waitlist_count
    FROM enrollments en WHERE en.cohort_id = c.id) e
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('id', cs.id, 'number', cs.number,
             'startsAt', cs.starts_at, 'endsAt', cs.ends_at) ORDER BY cs.number) AS sessions
    FROM cohort_sessions cs WHERE cs.cohort_id = c.id) s ON true
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('userId', ct.user_id, 'displayName', u.display_name,
             'role', ct.role) ORDER BY ct.role DESC, ct.created_at) AS teachers
    FROM cohort_teachers ct JOIN ${PEOPLE} u ON u.id = ct.user_id WHERE ct.cohort_id = c.id) t ON true`;

function toCohortView(row: CohortViewRow): CohortView {
  return {
    id: row.id,
    courseId: row.course_id,
    title: row.title,
    status: row.status,
    capacity: row.capacity,
    enrolledCount: row.enrolled_count,
    waitlistCount: row.waitlist_count,
    seatsLeft: Math.max(0, row.capacity - row.enrolled_count),
    timeZone: row.time_zone,
    startDate: row.start_date,
    localTime: row.local_time,
    cadence: row.cadence,
    ceEligible: row.ce_eligible,
    completedAt: iso(row.completed_at),
    cancelledAt: iso(row.cancelled_at),
    cancellationReason: row.cancellation_reason,
    createdAt: row.created_at.toISOString(),
    course: {
      id: row.course_id,
      code: row.course_code,
      title: row.course_title,
      format: row.format,
      deliveryMode: row.delivery_mode,
      sessionCount: row.session_count,
      sessionMinutes: row.session_minutes,
      completionMinSessions: row.completion_min_sessions,
    },
    teachers: row.teachers,
    sessions: row.sessions.map((s): SessionView => ({
      id: s.id,
      number: s.number,
      startsAt: iso(s.startsAt)!,
      endsAt: iso(s.endsAt)!,
    })),
  };
}

/** What an enrollment, a withdrawal or a promotion reads of a cohort (CohortForUpdate). */
const COHORT_FOR_UPDATE_COLUMNS = `c.id, c.course_id, c.title, c.status, c.capacity, c.seats_taken,
       to_char(c.start_date, 'YYYY-MM-DD') AS start_date, c.local_time, c.time_zone,
       c.cadence, c.ce_eligible, c.created_at, c.reopened_at,
       co.title AS course_title, co.format, co.session_count, co.session_minutes,
       co.completion_min_sessions,
       (SELECT min(starts_at) FROM cohort_sessions WHERE cohort_id = c.id) AS first_starts_at,
       (SELECT max(ends_at) FROM cohort_sessions WHERE cohort_id = c.id) AS last_ends_at`;

/** A person's enrollment in a cohort as an enrollment's checks need it. */
export interface ExistingEnrollment {
  id: string;
  status: EnrollmentStatus;
}

/** Cohorts with their sessions and teachers. */
@Injectable()
export class CohortsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(cohort: NewCohort): Promise<string> {
    const [row] = await this.tx.query<{ id: string }>(
      `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
         ce_eligible, created_by)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        cohort.courseId,
        cohort.title,
        cohort.startDate,
        cohort.localTime,
        cohort.timeZone,
        cohort.cadence,
        cohort.capacity,
        cohort.ceEligible,
        cohort.createdBy,
      ],
    );
    return row!.id;
  }

  async view(id: string): Promise<CohortView | null> {
    const rows = await this.tx.query<CohortViewRow>(
      `SELECT ${COHORT_VIEW_COLUMNS} FROM cohorts c ${COHORT_VIEW_JOINS} WHERE c.id = $1`,
      [id],
    );
    return rows[0] ? toCohortView(rows[0]) : null;
  }

  async list(filter: {
    courseId?: string;
    status?: CohortStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: CohortView[]; total: number }> {
    // The seat counts, sessions and teachers are read for the page's cohorts only.
    const page = await this.tx.page<CohortViewRow>(
      {
        sql: `SELECT c.id, c.start_date AS start_day, c.created_at FROM cohorts c
              WHERE ($1::uuid IS NULL OR c.course_id = $1) AND ($2::text IS NULL OR c.status = $2)`,
        params: [filter.courseId ?? null, filter.status ?? null],
        orderBy: 'start_day, created_at, id',
        perRow: {
          joins: `JOIN cohorts c ON c.id = page.id ${COHORT_VIEW_JOINS}`,
          columns: COHORT_VIEW_COLUMNS,
        },
      },
      filter,
    );
    return { items: page.items.map(toCohortView), total: page.total };
  }

  /** Locks the cohort row: promotions, withdrawals, scheduling and completion queue behind it. */
  async lock(id: string): Promise<CohortForUpdate | null> {
    const [row] = await this.tx.query<CohortForUpdate>(
      `SELECT ${COHORT_FOR_UPDATE_COLUMNS}
       FROM cohorts c JOIN courses co ON co.id = c.course_id
       WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
      { prepare: true },
    );
    return row ?? null;
  }

  /**
   * The cohort as `lock` reads it (without the lock unless `lock`) and, beside it, the person's
   * enrollment in it (any status): what an enrollment checks before it claims a seat, in one
   * statement. Without the lock, the seat is then claimed with a guarded increment that checks the
   * capacity and the status again (`EnrollmentsRepository.enrollInFreeSeat`).
   */
  async findWithEnrollmentOf(
    id: string,
    userId: string,
    { lock = false } = {},
  ): Promise<(CohortForUpdate & { enrollment: ExistingEnrollment | null }) | null> {
    const [row] = await this.tx.query<
      CohortForUpdate & { enrollment_id: string | null; enrollment_status: string | null }
    >(
      `SELECT ${COHORT_FOR_UPDATE_COLUMNS}, e.id AS enrollment_id, e.status AS enrollment_status
       FROM cohorts c JOIN courses co ON co.id = c.course_id
       LEFT JOIN enrollments e ON e.cohort_id = c.id AND e.user_id = $2
       WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
      [id, userId],
      { prepare: true },
    );
    if (!row) return null;
    const { enrollment_id, enrollment_status, ...cohort } = row;
    return {
      ...cohort,
      enrollment: enrollment_id
        ? { id: enrollment_id, status: enrollment_status as ExistingEnrollment['status'] }
        : null,
    };
  }

  async exists(id: string): Promise<boolean> {
    return (await this.tx.query('SELECT 1 FROM cohorts WHERE id = $1', [id])).length > 0;
  }

  /** Inserts the planned sessions; those already there (a retried job) are left alone. */
  async insertSessions(cohortId: string, sessions: PlannedSession[]): Promise<SessionRow[]> {
    if (sessions.length === 0) return [];
    return this.tx.query<SessionRow>(
      `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at)
       SELECT $1, n, s, e FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) AS p(n, s, e)
       ON CONFLICT (cohort_id, number) DO NOTHING
       RETURNING id, cohort_id, number, starts_at, ends_at, sequence, updated_at`,
      [
        cohortId,
        sessions.map((s) => s.number),
        sessions.map((s) => s.startsAt.toISOString()),
        sessions.map((s) => s.endsAt.toISOString()),
      ],
    );
  }

  async sessions(cohortId: string): Promise<SessionRow[]> {
    return this.tx.query<SessionRow>(
      `SELECT id, cohort_id, number, starts_at, ends_at, sequence, updated_at
       FROM cohort_sessions WHERE cohort_id = $1 ORDER BY number`,
      [cohortId],
    );
  }

  async findSession(cohortId: string, sessionId: string): Promise<SessionRow | null> {
    const rows = await this.tx.query<SessionRow>(
      `SELECT id, cohort_id, number, starts_at, ends_at, sequence, updated_at
       FROM cohort_sessions WHERE id = $1 AND cohort_id = $2`,
      [sessionId, cohortId],
    );
    return rows[0] ?? null;
  }

  async findSessionById(sessionId: string): Promise<SessionRow | null> {
    const rows = await this.tx.query<SessionRow>(
      `SELECT id, cohort_id, number, starts_at, ends_at, sequence, updated_at
       FROM cohort_sessions WHERE id = $1`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  async moveSession(sessionId: string, startsAt: Date, endsAt: Date): Promise<SessionRow> {
    const [row] = await this.tx.query<SessionRow>(
      `UPDATE cohort_sessions SET starts_at = $2, ends_at = $3, sequence = sequence + 1,
         updated_at = now()
       WHERE id = $1 RETURNING id, cohort_id, number, starts_at, ends_at, sequence, updated_at`,
      [sessionId, startsAt, endsAt],
    );
    return row!;
  }

  /** Moves a cohort out of `scheduling`; false when it was not there (already done). */
  async markOpen(cohortId: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE cohorts SET status = 'open' WHERE id = $1 AND status = 'scheduling' RETURNING id`,
      [cohortId],
    );
    return rows.length > 0;
  }

  async markCompleted(cohortId: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE cohorts SET status = 'completed', completed_at = now()
       WHERE id = $1 AND status = 'open' RETURNING id`,
      [cohortId],
    );
    return rows.length > 0;
  }

  /** Back to `open` so that attendance can be corrected; false when it was not completed. */
  async markReopened(cohortId: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE cohorts SET status = 'open', completed_at = NULL, reopened_at = now()
       WHERE id = $1 AND status = 'completed' RETURNING id`,
      [cohortId],
    );
    return rows.length > 0;
  }

  /** The changed fields of a cohort (the caller checked them under the cohort's lock). */
  async update(
    cohortId: string,
    changes: Partial<{
      title: string;
      capacity: number;
      ceEligible: boolean;
      startDate: string;
      localTime: string;
      timeZone: string;
    }>,
  ): Promise<void> {
    await this.tx.query(
      `UPDATE cohorts SET title = COALESCE($2, title), capacity = COALESCE($3, capacity),
         ce_eligible = COALESCE($4, ce_eligible), start_date = COALESCE($5::date, start_date),
         local_time = COALESCE($6, local_time), time_zone = COALESCE($7, time_zone)
       WHERE id = $1`,
      [
        cohortId,
        changes.title ?? null,
        changes.capacity ?? null,
        changes.ceEligible ?? null,
        changes.startDate ?? null,
        changes.localTime ?? null,
        changes.timeZone ?? null,
      ],
    );
  }

  /**
   * Moves every session to its newly planned time (same numbers, same ids: attendance and
   * calendar UIDs stay attached), bumping each one's iCalendar sequence.
   */
  async replanSessions(cohortId: string, sessions: PlannedSession[]): Promise<SessionRow[]> {
    if (sessions.length === 0) return [];
    return this.tx.query<SessionRow>(
      `UPDATE cohort_sessions cs SET starts_at = p.s, ends_at = p.e, sequence = cs.sequence + 1,
         updated_at = now()
       FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) AS p(n, s, e)
       WHERE cs.cohort_id = $1 AND cs.number = p.n
       RETURNING cs.id, cs.cohort_id, cs.number, cs.starts_at, cs.ends_at, cs.sequence,
         cs.updated_at`,
      [
        cohortId,
        sessions.map((s) => s.number),
        sessions.map((s) => s.startsAt.toISOString()),
        sessions.map((s) => s.endsAt.toISOString()),
      ],
    );
  }

  /** Cancels a cohort that is neither completed nor cancelled; false otherwise. */
  async markCancelled(cohortId: string, reason: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE cohorts SET status = 'cancelled', cancelled_at = now(), cancellation_reason = $2
       WHERE id = $1 AND status IN ('scheduling', 'open') RETURNING id`,
      [cohortId, reason],
    );
    return rows.length > 0;
  }

  /** The people holding a seat or waiting for one, as a cancellation tells them. */
  async participants(
    cohortId: string,
  ): Promise<{ user_id: string; status: 'enrolled' | 'waitlisted' }[]> {
    return this.tx.query<{ user_id: string; status: 'enrolled' | 'waitlisted' }>(
      `SELECT user_id, status FROM enrollments
       WHERE cohort_id = $1 AND status IN ('enrolled', 'waitlisted') ORDER BY user_id`,
      [cohortId],
    );
  }

  /** Adds a teacher; null when they already teach this cohort. */
  async addTeacher(input: {
    cohortId: string;
    userId: string;
    role: TeacherRole;
    assignedBy: string;
  }): Promise<{ id: string; created_at: Date } | null> {
    const rows = await this.tx.query<{ id: string; created_at: Date }>(
      `INSERT INTO cohort_teachers (cohort_id, user_id, role, assigned_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT (cohort_id, user_id) DO NOTHING
       RETURNING id, created_at`,
      [input.cohortId, input.userId, input.role, input.assignedBy],
    );
    return rows[0] ?? null;
  }

  async removeTeacher(cohortId: string, userId: string): Promise<boolean> {
    const rows = await this.tx.query(
      'DELETE FROM cohort_teachers WHERE cohort_id = $1 AND user_id = $2 RETURNING id',
      [cohortId, userId],
    );
    return rows.length > 0;
  }

  async isTeacher(cohortId: string, userId: string): Promise<boolean> {
    const rows = await this.tx.query(
      'SELECT 1 FROM cohort_teachers WHERE cohort_id = $1 AND user_id = $2',
      [cohortId, userId],
    );
    return rows.length > 0;
  }

  /** The trainees holding a seat, with the zone their times are shown in. */
  async enrolledTrainees(cohortId: string): Promise<{ user_id: string; time_zone: string }[]> {
    return this.tx.query<{ user_id: string; time_zone: string }>(
      `SELECT e.user_id, u.time_zone FROM enrollments e JOIN ${PEOPLE} u ON u.id = e.user_id
       WHERE e.cohort_id = $1 AND e.status = 'enrolled' ORDER BY e.user_id`,
      [cohortId],
    );
  }

  async userExists(userId: string): Promise<{ display_name: string } | null> {
    const rows = await this.tx.query<{ display_name: string }>(
      `SELECT u.display_name FROM ${PEOPLE} u WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }
}
