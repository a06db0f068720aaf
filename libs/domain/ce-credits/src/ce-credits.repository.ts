import { Injectable } from '@nestjs/common';
import { type Page, TransactionHost } from '@msc/db';
import type { DeliveryMode } from './ce-credit.entity.js';

/** An enrollment that qualifies for CE credit, with what its certificate will print. */
export interface CeCandidateRow {
  enrollment_id: string;
  user_id: string;
  cohort_id: string;
  course_id: string;
  holder_name: string;
  license_number: string | null;
  course_code: string;
  course_title: string;
  delivery_mode: DeliveryMode;
  accreditor_statement: string | null;
  course_ce_hours: string;
  time_zone: string;
  sessions_total: number;
  sessions_attended: number;
  first_session_at: Date;
  last_session_at: Date;
}

export interface NewCeCredit extends Omit<CeCandidateRow, 'first_session_at' | 'last_session_at'> {
  hours: string;
  first_session_at: string;
  last_session_at: string;
}

export interface IssuedCeCreditRow {
  id: string;
  enrollment_id: string;
  user_id: string;
  hours: string;
  certificate_number: string;
  course_title: string;
}

export interface CeCreditListRow {
  id: string;
  cohort_id: string;
  course_id: string;
  user_id: string;
  course_code: string;
  course_title: string;
  hours: string;
  certificate_number: string;
  issued_at: Date;
}

/** A credit in the admins' list: who holds it, as printed on the certificate. */
export interface CeCreditAdminListRow extends CeCreditListRow {
  holder_name: string;
  license_number: string | null;
}

/** One line of a cohort's CE roster; all null for a cohort without credits. */
export interface CeRosterRow {
  holder_name: string | null;
  license_number: string | null;
  hours: string | null;
  certificate_number: string | null;
  issued_at: Date | null;
}

export interface CeCreditRow {
  id: string;
  enrollment_id: string;
  user_id: string;
  cohort_id: string;
  course_id: string;
  hours: string;
  certificate_number: string;
  issued_at: Date;
  holder_name: string;
  license_number: string | null;
  course_code: string;
  course_title: string;
  delivery_mode: DeliveryMode;
  accreditor_statement: string | null;
  course_ce_hours: string;
  sessions_attended: number;
  sessions_total: number;
  first_session_at: Date;
  last_session_at: Date;
  time_zone: string;
}

// Who qualifies, shared by the fan-out and the chunks (which check again: things move between).
const ELIGIBLE = `
  e.status = 'enrolled' AND e.request_ce AND e.completed_at IS NOT NULL
  AND c.ce_eligible AND co.ce_hours > 0`;

const LIST_COLUMNS = `id, cohort_id, course_id, user_id, course_code, course_title, hours::text AS hours,
  certificate_number, issued_at`;

/** CE credits, and the read of the courses tables that decides them (set-based, explicit columns). */
@Injectable()
export class CeCreditsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async cohortExists(cohortId: string): Promise<boolean> {
    const rows = await this.tx.query('SELECT 1 FROM cohorts WHERE id = $1', [cohortId]);
    return rows.length > 0;
  }

  /** The cohort's eligible enrollments that hold no credit yet, in a stable order. */
  async uncreditedEligibleEnrollmentIds(cohortId: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT e.id FROM enrollments e
       JOIN cohorts c ON c.id = e.cohort_id
       JOIN courses co ON co.id = c.course_id
       WHERE e.cohort_id = $1 AND ${ELIGIBLE}
         AND NOT EXISTS (SELECT 1 FROM ce_credits cc WHERE cc.enrollment_id = e.id)
       ORDER BY e.id`,
      [cohortId],
    );
    return rows.map((row) => row.id);
  }

  /** Those of the given enrollments that still qualify, with their attendance and the cohort's dates. */
  async candidates(cohortId: string, enrollmentIds: string[]): Promise<CeCandidateRow[]> {
    // Per-enrollment index lookups (LATERAL) keep the plan fast even before the planner has
    // statistics for freshly written rows, as right after a large cohort was completed.
    return this.tx.query<CeCandidateRow>(
      `WITH sessions AS MATERIALIZED (
         SELECT count(*)::int AS total, min(starts_at) AS first_at, max(ends_at) AS last_at
         FROM cohort_sessions WHERE cohort_id = $1
       )
       SELECT e.id AS enrollment_id, e.user_id, e.cohort_id, c.course_id,
              u.display_name AS holder_name, e.license_number,
              co.code AS course_code, co.title AS course_title, co.delivery_mode,
              co.ce_accreditor AS accreditor_statement, co.ce_hours::text AS course_ce_hours,
              c.time_zone, s.total AS sessions_total, a.n AS sessions_attended,
              s.first_at AS first_session_at, s.last_at AS last_session_at
       FROM enrollments e
       JOIN cohorts c ON c.id = e.cohort_id
       JOIN courses co ON co.id = c.course_id
       JOIN users u ON u.id = e.user_id
       CROSS JOIN sessions s
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS n FROM attendance_records a
         WHERE a.cohort_id = e.cohort_id AND a.user_id = e.user_id AND a.status = 'present'
       ) a
       WHERE e.id = ANY($2::uuid[]) AND e.cohort_id = $1 AND ${ELIGIBLE} AND s.total > 0
       ORDER BY e.id`,
      [cohortId, enrollmentIds],
    );
  }

  /**
   * Writes every credit in one statement; an enrollment that already holds one is skipped, so a
   * retried or repeated chunk never issues twice. Returns only the credits this call created.
   */
  async insertMany(credits: NewCeCredit[]): Promise<IssuedCeCreditRow[]> {
    if (credits.length === 0) return [];
    return this.tx.query<IssuedCeCreditRow>(
      `INSERT INTO ce_credits (
         enrollment_id, user_id, cohort_id, course_id, hours, certificate_number, holder_name,
         license_number, course_code, course_title, delivery_mode, accreditor_statement,
         course_ce_hours, sessions_attended, sessions_total, first_session_at, last_session_at,
         time_zone)
       SELECT r.enrollment_id, r.user_id, r.cohort_id, r.course_id, r.hours,
              'MSC-CE-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-'
                || lpad(nextval('ce_certificate_number_seq')::text, 6, '0'),
              r.holder_name, r.license_number, r.course_code, r.course_title, r.delivery_mode,
              r.accreditor_statement, r.course_ce_hours, r.sessions_attended, r.sessions_total,
              r.first_session_at, r.last_session_at, r.time_zone
       FROM jsonb_to_recordset($1::jsonb) AS r(
         enrollment_id uuid, user_id uuid, cohort_id uuid, course_id uuid, hours numeric,
         holder_name text, license_number text, course_code text, course_title text,
         delivery_mode text, accreditor_statement text, course_ce_hours numeric,
         sessions_attended int, sessions_total int, first_session_at timestamptz,
         last_session_at timestamptz, time_zone text)
       ON CONFLICT (enrollment_id) DO NOTHING
       RETURNING id, enrollment_id, user_id, hours::text AS hours, certificate_number, course_title`,
      [JSON.stringify(credits)],
    );
  }

  async listForUser(
    userId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<CeCreditListRow>> {
    return this.tx.page<CeCreditListRow>(
      {
        sql: `SELECT ${LIST_COLUMNS} FROM ce_credits WHERE user_id = $1`,
        params: [userId],
        orderBy: 'issued_at DESC, id DESC',
      },
      page,
    );
  }

  async list(filter: {
    cohortId?: string;
    userId?: string;
    limit: number;
    offset: number;
  }): Promise<Page<CeCreditAdminListRow>> {
    return this.tx.page<CeCreditAdminListRow>(
      {
        sql: `SELECT ${LIST_COLUMNS}, holder_name, license_number FROM ce_credits
              WHERE ($1::uuid IS NULL OR cohort_id = $1) AND ($2::uuid IS NULL OR user_id = $2)`,
        params: [filter.cohortId ?? null, filter.userId ?? null],
        orderBy: 'issued_at DESC, id DESC',
      },
      filter,
    );
  }

  /**
   * The cohort's credits by holder name, in one statement: no row at all when the cohort does not
   * exist, one row of nulls when it has no credit.
   */
  async roster(cohortId: string): Promise<CeRosterRow[]> {
    return this.tx.query<CeRosterRow>(
      `SELECT cc.holder_name, cc.license_number, cc.hours::text AS hours, cc.certificate_number,
              cc.issued_at
       FROM cohorts c LEFT JOIN ce_credits cc ON cc.cohort_id = c.id
       WHERE c.id = $1
       ORDER BY lower(cc.holder_name), cc.certificate_number`,
      [cohortId],
    );
  }

  async findById(id: string): Promise<CeCreditRow | null> {
    const rows = await this.tx.query<CeCreditRow>(
      `SELECT id, enrollment_id, user_id, cohort_id, course_id, hours::text AS hours,
              certificate_number, issued_at, holder_name, license_number, course_code,
              course_title, delivery_mode, accreditor_statement,
              course_ce_hours::text AS course_ce_hours, sessions_attended, sessions_total,
              first_session_at, last_session_at, time_zone
       FROM ce_credits WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
