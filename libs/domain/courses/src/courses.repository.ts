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

  async findById(id: string): Promise<CourseRow | null> {
    const rows = await this.tx.query<CourseRow>(
      `SELECT ${COURSE_COLUMNS} FROM courses WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: {
    format?: CourseFormat;
    limit: number;
    offset: number;
  }): Promise<{ items: CourseRow[]; total: number }> {
    return this.tx.page<CourseRow>(
      {
        sql: `SELECT ${COURSE_COLUMNS} FROM courses WHERE ($1::text IS NULL OR format = $1)`,
        params: [filter.format ?? null],
        orderBy: 'code, id',
      },
      filter,
    );
  }
}
