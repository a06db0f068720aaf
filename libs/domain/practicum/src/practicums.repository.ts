import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { Role } from '@msc/domain/kernel';
import type { PracticumSessionKind } from './practicum-session.entity.js';
import type { PracticumStatus } from './practicum.entity.js';

export interface PracticumRow {
  id: string;
  trainee_id: string;
  mentor_id: string;
  status: PracticumStatus;
  created_at: Date;
  closed_at: Date | null;
  trainee_name: string;
  mentor_name: string;
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

const PRACTICUM_SELECT = `
  SELECT p.id, p.trainee_id, p.mentor_id, p.status, p.created_at, p.closed_at,
         t.display_name AS trainee_name, m.display_name AS mentor_name
  FROM practicums p
  JOIN users t ON t.id = p.trainee_id
  JOIN users m ON m.id = p.mentor_id`;

const SESSION_COLUMNS = 'id, practicum_id, kind, held_at, minutes, logged_by, created_at';

/** Practicums and their session ledger, with explicit columns. */
@Injectable()
export class PracticumsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async rolesOf(userIds: string[]): Promise<Map<string, Role[]>> {
    const rows = await this.tx.query<{ id: string; roles: Role[] }>(
      'SELECT id, roles FROM users WHERE id = ANY($1::uuid[])',
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
    const rows = await this.tx.query<PracticumRow>(`${PRACTICUM_SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The practicums where the user is the trainee or the mentor, newest first. */
  async listForUser(
    userId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: PracticumRow[]; total: number }> {
    return this.tx.page<PracticumRow>(
      {
        sql: `${PRACTICUM_SELECT} WHERE p.trainee_id = $1 OR p.mentor_id = $1`,
        params: [userId],
        orderBy: 'created_at DESC, id',
      },
      page,
    );
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
