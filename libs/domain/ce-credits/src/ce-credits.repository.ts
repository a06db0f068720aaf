import { Injectable } from '@nestjs/common';
import { composeWrites, type Page, TransactionHost, type WritePart } from '@msc/db';
import { type CeCompletionRow, CourseReads, courseSql } from '@msc/domain/courses';
import type { DeliveryMode } from './ce-credit.entity.js';

/** An enrollment that qualifies for CE credit, with what its certificate will print. */
export type CeCandidateRow = CeCompletionRow;

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

const LIST_COLUMNS = `id, cohort_id, course_id, user_id, course_code, course_title, hours::text AS hours,
  certificate_number, issued_at`;

/** CE credits; who qualifies for one is courses' to say (CourseReads, courseSql). */
@Injectable()
export class CeCreditsRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly courses: CourseReads,
  ) {}

  async cohortExists(cohortId: string): Promise<boolean> {
    return this.courses.cohortExists(cohortId);
  }

  /** The cohort's eligible enrollments that hold no credit yet, in a stable order. */
  async uncreditedEligibleEnrollmentIds(cohortId: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT q.enrollment_id AS id FROM (${courseSql.ceQualifyingEnrollments('$1')}) q
       WHERE NOT EXISTS (SELECT 1 FROM ce_credits cc WHERE cc.enrollment_id = q.enrollment_id)
       ORDER BY q.enrollment_id`,
      [cohortId],
    );
    return rows.map((row) => row.id);
  }

  /** Those of the given enrollments that still qualify, with their attendance and the cohort's dates. */
  async candidates(cohortId: string, enrollmentIds: string[]): Promise<CeCandidateRow[]> {
    return this.courses.ceCompletions(cohortId, enrollmentIds);
  }

  /**
   * Writes every credit in one statement, with `writes` (what the credits cause: notifications, an
   * audit record) gated on the relation `issued` of the credits it created; an enrollment that
   * already holds one is skipped, so a retried or repeated chunk never issues twice. Returns only
   * the credits this call created.
   */
  async insertMany(
    credits: NewCeCredit[],
    writes: readonly WritePart[] = [],
  ): Promise<IssuedCeCreditRow[]> {
    if (credits.length === 0) return [];
    const parts = composeWrites(writes, 'issued', [JSON.stringify(credits)]);
    const issued = await this.tx.query<IssuedCeCreditRow>(
      `WITH issued AS (INSERT INTO ce_credits (
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
       RETURNING id, enrollment_id, user_id, hours::text AS hours, certificate_number,
                 course_title)${parts.ctes}
       SELECT * FROM issued`,
      parts.values,
    );
    if (issued.length > 0) parts.committed();
    return issued;
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
       FROM (SELECT $1::uuid AS id WHERE ${courseSql.cohortExists('$1')}) c
       LEFT JOIN ce_credits cc ON cc.cohort_id = c.id
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
