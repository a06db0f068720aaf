import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { DecidedSubmissions } from './decided-submissions.js';
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
  /** The deciding admin's display name; null while undecided. */
  decided_by_name: string | null;
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
  private readonly submissions: DecidedSubmissions<TrainingApplicationRow>;

  constructor(private readonly tx: TransactionHost) {
    this.submissions = new DecidedSubmissions(tx, {
      table: 'applications',
      columns: COLUMNS,
      openStatus: 'submitted',
      acceptedStatus: 'approved',
      acceptedAlias: 'approved_at',
      openAlias: 'submitted',
    });
  }

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

  findById(id: string): Promise<TrainingApplicationRow | null> {
    return this.submissions.findById(id);
  }

  list(filter: {
    userId?: string;
    status?: ApplicationStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: TrainingApplicationListRow[]; total: number }> {
    return this.submissions.list<TrainingApplicationListRow>(filter);
  }

  /** Decides a submitted application; null when it is not submitted (or not there). */
  decide(
    id: string,
    decision: { status: ApplicationStatus; decidedBy: string; note: string | null },
  ): Promise<TrainingApplicationRow | null> {
    return this.submissions.decide(id, decision);
  }

  /** The progress statement's part of where the user's kinds stand (JSON ApplicationStandingRows). */
  standingSql(userId: string, kinds: string): string {
    return this.submissions.standingSql(userId, kinds);
  }
}
