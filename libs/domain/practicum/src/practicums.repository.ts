import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { Role } from '@msc/kernel';
import { PEOPLE } from '@msc/domain/identity';
import type { PracticumSessionKind } from './practicum-session.entity.js';
import type { PracticumStatus } from './practicum.entity.js';
import { containsPattern } from './recordings.repository.js';

export interface PracticumRow {
  id: string;
  trainee_id: string;
  mentor_id: string;
  status: PracticumStatus;
  created_at: Date;
  closed_at: Date | null;
  trainee_name: string;
  mentor_name: string;
  trainee_email: string;
  mentor_email: string;
  consultation_count: number;
  consultation_minutes: number;
  mentoring_count: number;
  mentoring_minutes: number;
  last_session_at: Date | null;
  recording_count: number;
  awaiting_review_count: number;
  competent_recording_count: number;
}

export interface PracticumSessionRow {
  id: string;
  practicum_id: string;
  kind: PracticumSessionKind;
  held_at: Date;
  minutes: number;
  logged_by: string | null;
  created_at: Date;
}

/** The columns of a PracticumRow, from practicum `p` and PRACTICUM_JOINS. */
const PRACTICUM_COLUMNS = `
  p.id, p.trainee_id, p.mentor_id, p.status, p.created_at, p.closed_at,
  t.display_name AS trainee_name, m.display_name AS mentor_name,
  t.email AS trainee_email, m.email AS mentor_email,
  ledger.consultation_count, ledger.consultation_minutes,
  ledger.mentoring_count, ledger.mentoring_minutes, ledger.last_session_at,
  recs.recording_count, recs.awaiting_review_count, recs.competent_recording_count`;

/** A practicum's people's names and the counts of its ledger and its recordings. */
const PRACTICUM_JOINS = `
  JOIN ${PEOPLE} t ON t.id = p.trainee_id
  JOIN ${PEOPLE} m ON m.id = p.mentor_id
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE s.kind = 'consultation')::int AS consultation_count,
           COALESCE(sum(s.minutes) FILTER (WHERE s.kind = 'consultation'), 0)::int AS consultation_minutes,
           count(*) FILTER (WHERE s.kind = 'mentoring')::int AS mentoring_count,
           COALESCE(sum(s.minutes) FILTER (WHERE s.kind = 'mentoring'), 0)::int AS mentoring_minutes,
           max(s.held_at) AS last_session_at
    FROM practicum_sessions s WHERE s.practicum_id = p.id
  ) ledger
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS recording_count,
           count(*) FILTER (WHERE r.status = 'awaiting_review')::int AS awaiting_review_count,
           count(*) FILTER (WHERE r.status = 'reviewed' AND (
             SELECT m2.outcome FROM mentor_reviews m2 WHERE m2.recording_id = r.id
             ORDER BY m2.created_at DESC, m2.id DESC LIMIT 1) = 'competent')::int
             AS competent_recording_count
    FROM teaching_recordings r WHERE r.practicum_id = p.id
  ) recs`;

/** The page's practicums with their names and counts, for `TransactionHost.page`. */
const PRACTICUM_PER_ROW = {
  joins: `JOIN practicums p ON p.id = page.id ${PRACTICUM_JOINS}`,
  columns: PRACTICUM_COLUMNS,
};

/** What an admin's list of practicums may be narrowed to. */
export interface PracticumFilter {
  status?: PracticumStatus;
  traineeId?: string;
  mentorId?: string;
  /** A part of the trainee's or the mentor's name or e-mail. */
  q?: string;
  limit: number;
  offset: number;
}

const SESSION_COLUMNS = 'id, practicum_id, kind, held_at, minutes, logged_by, created_at';

/** Practicums and their session ledger, with explicit columns. */
@Injectable()
export class PracticumsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async rolesOf(userIds: string[]): Promise<Map<string, Role[]>> {
    const rows = await this.tx.query<{ id: string; roles: Role[] }>(
      `SELECT u.id, u.roles FROM ${PEOPLE} u WHERE u.id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.id, row.roles]));
  }

  /** Inserts an active practicum, or returns null when the trainee already has one. */
  async insert(input: {
    traineeId: string;
    mentorId: string;
    createdBy: string;
  }): Promise<string | null> {
    const rows = await this.tx.query<{ id: string }>(
      `INSERT INTO practicums (trainee_id, mentor_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (trainee_id) WHERE status = 'active' DO NOTHING RETURNING id`,
      [input.traineeId, input.mentorId, input.createdBy],
    );
    return rows[0]?.id ?? null;
  }

  async findById(id: string): Promise<PracticumRow | null> {
    const rows = await this.tx.query<PracticumRow>(
      `SELECT ${PRACTICUM_COLUMNS} FROM practicums p ${PRACTICUM_JOINS} WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The practicums where the user is the trainee or the mentor (or one of the two), newest first. */
  async listForUser(
    userId: string,
    filter: {
      role?: 'trainee' | 'mentor';
      status?: PracticumStatus;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: PracticumRow[]; total: number }> {
    const who =
      filter.role === 'trainee'
        ? 'p.trainee_id = $1'
        : filter.role === 'mentor'
          ? 'p.mentor_id = $1'
          : '(p.trainee_id = $1 OR p.mentor_id = $1)';
    return this.tx.page<PracticumRow>(
      {
        sql: `SELECT p.id, p.created_at FROM practicums p
              WHERE ${who} AND ($2::text IS NULL OR p.status = $2)`,
        params: [userId, filter.status ?? null],
        orderBy: 'created_at DESC, id',
        perRow: PRACTICUM_PER_ROW,
      },
      filter,
    );
  }

  /** Every practicum, for admins: active ones first, then newest first. */
  async list(filter: PracticumFilter): Promise<{ items: PracticumRow[]; total: number }> {
    return this.tx.page<PracticumRow>(
      {
        sql: `SELECT p.id, p.status, p.created_at FROM practicums p
              WHERE ($1::text IS NULL OR p.status = $1)
                AND ($2::uuid IS NULL OR p.trainee_id = $2)
                AND ($3::uuid IS NULL OR p.mentor_id = $3)
                AND ($4::text IS NULL OR EXISTS (
                       SELECT 1 FROM ${PEOPLE} u WHERE u.id IN (p.trainee_id, p.mentor_id)
                       AND (u.display_name ILIKE $4 OR u.email ILIKE $4)))`,
        params: [
          filter.status ?? null,
          filter.traineeId ?? null,
          filter.mentorId ?? null,
          filter.q ? containsPattern(filter.q) : null,
        ],
        orderBy: "(status = 'active') DESC, created_at DESC, id",
        perRow: PRACTICUM_PER_ROW,
      },
      filter,
    );
  }

  /** Gives an active practicum another mentor; false when it is not active. */
  async changeMentor(id: string, mentorId: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE practicums SET mentor_id = $2 WHERE id = $1 AND status = 'active' RETURNING id`,
      [id, mentorId],
    );
    return rows.length > 0;
  }

  async findForUpdate(id: string): Promise<{
    id: string;
    trainee_id: string;
    mentor_id: string;
    status: PracticumStatus;
  } | null> {
    const rows = await this.tx.query<{
      id: string;
      trainee_id: string;
      mentor_id: string;
      status: PracticumStatus;
    }>('SELECT id, trainee_id, mentor_id, status FROM practicums WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ?? null;
  }

  async close(id: string): Promise<boolean> {
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE practicums SET status = 'closed', closed_at = now()
       WHERE id = $1 AND status = 'active' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Inserts a ledger row, or returns null when the same session was logged already. */
  async insertSession(input: {
    practicumId: string;
    kind: PracticumSessionKind;
    heldAt: Date;
    minutes: number;
    loggedBy: string;
  }): Promise<PracticumSessionRow | null> {
    const rows = await this.tx.query<PracticumSessionRow>(
      `INSERT INTO practicum_sessions (practicum_id, kind, held_at, minutes, logged_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (practicum_id, kind, held_at) DO NOTHING RETURNING ${SESSION_COLUMNS}`,
      [input.practicumId, input.kind, input.heldAt, input.minutes, input.loggedBy],
    );
    return rows[0] ?? null;
  }

  async listSessions(
    practicumId: string,
    filter: { kind?: PracticumSessionKind; limit: number; offset: number },
  ): Promise<{ items: PracticumSessionRow[]; total: number }> {
    return this.tx.page<PracticumSessionRow>(
      {
        sql: `SELECT ${SESSION_COLUMNS} FROM practicum_sessions
              WHERE practicum_id = $1 AND ($2::text IS NULL OR kind = $2)`,
        params: [practicumId, filter.kind ?? null],
        orderBy: 'held_at DESC, id',
      },
      filter,
    );
  }

  /** Whether `mentorId` supervises (or supervised) a practicum of `traineeId`. */
  async isMentorOf(mentorId: string, traineeId: string): Promise<boolean> {
    const rows = await this.tx.query(
      'SELECT 1 FROM practicums WHERE mentor_id = $1 AND trainee_id = $2 LIMIT 1',
      [mentorId, traineeId],
    );
    return rows.length > 0;
  }
}
