import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { CourseFormat, DeliveryMode } from './course.entity.js';
import { COURSE_COLUMNS, type CourseRow } from './courses.views.js';

export interface NewCourse {
  code: string;
  title: string;
  format: CourseFormat;
  deliveryMode: DeliveryMode;
  sessionCount: number;
  sessionMinutes: number;
  completionMinSessions: number;
  ceHours: number | null;
  ceAccreditor: string | null;
  createdBy: string;
}

@Injectable()
export class CoursesRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the course, or returns null when the code is taken. */
  async insert(course: NewCourse): Promise<CourseRow | null> {
    const rows = await this.tx.query<CourseRow>(
      `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
         completion_min_sessions, ce_hours, ce_accreditor, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (code) DO NOTHING
       RETURNING ${COURSE_COLUMNS}`,
      [
        course.code,
        course.title,
        course.format,
        course.deliveryMode,
        course.sessionCount,
        course.sessionMinutes,
        course.completionMinSessions,
        course.ceHours,
        course.ceAccreditor,
        course.createdBy,
      ],
    );
    return rows[0] ?? null;
  }

  /**
   * The course; `share` keeps it from being retired or changed until the caller's transaction
   * ends (a cohort being created), `update` is for the changes themselves.
   */
  async findById(id: string, lock?: 'share' | 'update'): Promise<CourseRow | null> {
    const suffix = lock === 'share' ? ' FOR SHARE' : lock === 'update' ? ' FOR UPDATE' : '';
    const rows = await this.tx.query<CourseRow>(
      `SELECT ${COURSE_COLUMNS} FROM courses WHERE id = $1${suffix}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async codeTaken(code: string, exceptId: string): Promise<boolean> {
    const rows = await this.tx.query<{ one: number }>(
      'SELECT 1 AS one FROM courses WHERE code = $1 AND id <> $2',
      [code, exceptId],
    );
    return rows.length > 0;
  }

  /** How many cohorts the course has, and how many of them have sessions planned. */
  async usage(id: string): Promise<{ cohorts: number; withSessions: number }> {
    const rows = await this.tx.query<{ cohorts: number; with_sessions: number }>(
      `SELECT count(*)::int AS cohorts,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cohort_sessions s
                                              WHERE s.cohort_id = c.id))::int AS with_sessions
       FROM cohorts c WHERE c.course_id = $1`,
      [id],
    );
    return { cohorts: rows[0]?.cohorts ?? 0, withSessions: rows[0]?.with_sessions ?? 0 };
  }

  /** Writes the given columns; the keys are CourseChanges' (checked by the service). */
  async update(id: string, changes: CourseColumnChanges): Promise<CourseRow> {
    const columns = Object.entries(changes).filter(([, v]) => v !== undefined);
    const set = columns.map(
      ([key], i) => `${COLUMN_OF[key as keyof CourseColumnChanges]} = $${i + 2}`,
    );
    const rows = await this.tx.query<CourseRow>(
      `UPDATE courses SET ${set.join(', ')} WHERE id = $1 RETURNING ${COURSE_COLUMNS}`,
      [id, ...columns.map(([, v]) => v)],
    );
    return rows[0]!;
  }

  async setRetired(id: string, retiredAt: Date | null, reason: string | null): Promise<CourseRow> {
    const rows = await this.tx.query<CourseRow>(
      `UPDATE courses SET retired_at = $2, retirement_reason = $3 WHERE id = $1
       RETURNING ${COURSE_COLUMNS}`,
      [id, retiredAt, reason],
    );
    return rows[0]!;
  }

  async list(filter: {
    format?: CourseFormat;
    /** `active` (not retired), `retired`, or both when absent. */
    status?: 'active' | 'retired';
    limit: number;
    offset: number;
  }): Promise<{ items: CourseRow[]; total: number }> {
    return this.tx.page<CourseRow>(
      {
        sql: `SELECT ${COURSE_COLUMNS} FROM courses
              WHERE ($1::text IS NULL OR format = $1)
                AND ($2::text IS NULL
                     OR ($2 = 'active' AND retired_at IS NULL)
                     OR ($2 = 'retired' AND retired_at IS NOT NULL))`,
        params: [filter.format ?? null, filter.status ?? null],
        orderBy: 'code, id',
      },
      filter,
    );
  }
}

/** The columns an admin may change, by their view names. */
export interface CourseColumnChanges {
  code?: string;
  title?: string;
  format?: CourseFormat;
  sessionCount?: number;
  sessionMinutes?: number;
  completionMinSessions?: number;
  ceHours?: number | null;
  ceAccreditor?: string | null;
}

const COLUMN_OF: Record<keyof CourseColumnChanges, string> = {
  code: 'code',
  title: 'title',
  format: 'format',
  sessionCount: 'session_count',
  sessionMinutes: 'session_minutes',
  completionMinSessions: 'completion_min_sessions',
  ceHours: 'ce_hours',
  ceAccreditor: 'ce_accreditor',
};
