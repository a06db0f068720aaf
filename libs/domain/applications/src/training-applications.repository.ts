import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { ApplicationKind, ApplicationStatus } from './training-application.entity.js';

export interface TrainingApplicationRow {
  id: string;
  user_id: string;
  kind: ApplicationKind;
  statement: string;
  status: ApplicationStatus;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
}

export interface TrainingApplicationListRow extends TrainingApplicationRow {
  trainee_name: string;
}

export interface ApplicationStandingRow {
  kind: ApplicationKind;
  approved_at: Date | null;
  submitted: boolean;
  rejected: boolean;
  rejection_note: string | null;
}

const COLUMNS = `a.id, a.user_id, a.kind, a.statement, a.status, a.created_at, a.decided_at,
  a.decided_by, a.decision_note`;

@Injectable()
export class TrainingApplicationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts a submitted application, or returns null when one is already submitted or approved. */
  async insert(application: {
    userId: string;
    kind: ApplicationKind;
    statement: string;
  }): Promise<TrainingApplicationRow | null> {
    const rows = await this.tx.query<TrainingApplicationRow>(
      `INSERT INTO applications AS a (user_id, kind, statement) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) WHERE status IN ('submitted', 'approved') DO NOTHING
       RETURNING ${COLUMNS}`,
      [application.userId, application.kind, application.statement],
    );
    return rows[0] ?? null;
  }

  async findOpen(userId: string, kind: ApplicationKind): Promise<TrainingApplicationRow | null> {
    const rows = await this.tx.query<TrainingApplicationRow>(
      `SELECT ${COLUMNS} FROM applications a
       WHERE a.user_id = $1 AND a.kind = $2 AND a.status IN ('submitted', 'approved')`,
      [userId, kind],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<TrainingApplicationRow | null> {
    const rows = await this.tx.query<TrainingApplicationRow>(
      `SELECT ${COLUMNS} FROM applications a WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: {
    userId?: string;
    status?: ApplicationStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: TrainingApplicationListRow[]; total: number }> {
    return this.tx.page<TrainingApplicationListRow>(
      {
        sql: `SELECT ${COLUMNS}, u.display_name AS trainee_name
              FROM applications a JOIN users u ON u.id = a.user_id
              WHERE ($1::uuid IS NULL OR a.user_id = $1) AND ($2::text IS NULL OR a.status = $2)`,
        params: [filter.userId ?? null, filter.status ?? null],
        orderBy: 'created_at DESC, id DESC',
      },
      filter,
    );
  }

  /** Decides a submitted application; null when it is not submitted (or not there). */
  async decide(
    id: string,
    decision: { status: ApplicationStatus; decidedBy: string; note: string | null },
  ): Promise<TrainingApplicationRow | null> {
    const rows = await this.tx.query<TrainingApplicationRow>(
      `UPDATE applications a SET status = $2, decided_at = now(), decided_by = $3, decision_note = $4
       WHERE a.id = $1 AND a.status = 'submitted' RETURNING ${COLUMNS}`,
      [id, decision.status, decision.decidedBy, decision.note],
    );
    return rows[0] ?? null;
  }

  /** Where each of the trainee's application kinds stands, in one query. */
  async standing(userId: string, kinds: string[]): Promise<ApplicationStandingRow[]> {
    return this.tx.query<ApplicationStandingRow>(
      `SELECT kind,
              min(decided_at) FILTER (WHERE status = 'approved') AS approved_at,
              bool_or(status = 'submitted') AS submitted,
              bool_or(status = 'rejected') AS rejected,
              (array_agg(decision_note ORDER BY decided_at DESC)
                 FILTER (WHERE status = 'rejected'))[1] AS rejection_note
       FROM applications WHERE user_id = $1 AND kind = ANY($2::text[])
       GROUP BY kind`,
      [userId, kinds],
    );
  }
}
