import { Injectable } from '@nestjs/common';
import { composeWrites, type Page, TransactionHost, type WritePart } from '@msc/db';
import { CourseReads, courseSql } from '@msc/domain/courses';
import type { DeliveryMode } from './ce-credit.entity.js';

/** What one `issue` statement did. */
export interface CeIssueCounts {
  /** The enrollments that still qualify for CE. */
  qualifying: number;
  /** Of those, the ones whose attendance earns hours. */
  withHours: number;
  /** The credits it created (the others were held already). */
  issued: number;
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

  /**
   * Issues the credits of those of `enrollmentIds` that still qualify, in one statement: who
   * qualifies and what they attended (courses' relation), each one's hours, the credits (an
   * enrollment already credited is skipped, so a retried or repeated chunk never issues twice),
   * and `writes` (what the credits cause: notifications, an audit record) gated on the relation
   * `issued` of the credits it created, with their `id, enrollment_id, user_id, hours` (text),
   * `certificate_number, course_title`.
   *
   * The hours: each session carries an equal share of the course's hours, a session missed
   * (absent or excused) earns none of its share, and the sum is rounded down to the hundredth
   * (integer division of hundredths, exact); no session attended, no credit.
   */
  async issue(
    cohortId: string,
    enrollmentIds: readonly string[],
    writes: readonly WritePart[] = [],
  ): Promise<CeIssueCounts> {
    const parts = composeWrites(writes, 'issued', [cohortId, enrollmentIds]);
    const [counts] = await this.tx.query<CeIssueCounts>(
      `WITH qualifying AS MATERIALIZED (${courseSql.ceCompletions('$1::uuid', '$2::uuid[]')}),
       credited AS (
         SELECT q.*, (div(q.course_ce_hours * 100 * least(q.sessions_attended, q.sessions_total),
                          q.sessions_total) / 100)::numeric(6, 2) AS hours
         FROM qualifying q WHERE q.sessions_attended > 0
       ),
       issued AS (INSERT INTO ce_credits (
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
       FROM credited r WHERE r.hours > 0
       -- Certificate numbers in the order of the enrollments (nextval is evaluated after the sort).
       ORDER BY r.enrollment_id
       ON CONFLICT (enrollment_id) DO NOTHING
       RETURNING id, enrollment_id, user_id, hours::text AS hours, certificate_number,
                 course_title)${parts.ctes}
       SELECT (SELECT count(*) FROM qualifying)::int AS qualifying,
              (SELECT count(*) FROM credited WHERE hours > 0)::int AS "withHours",
              (SELECT count(*) FROM issued)::int AS issued`,
      parts.values,
    );
    if (counts!.issued > 0) parts.committed();
    return counts!;
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
