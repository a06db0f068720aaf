import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { AttestationKind, AttestationStatus } from './attestation.entity.js';

export interface AttestationRow {
  id: string;
  user_id: string;
  kind: AttestationKind;
  statement: string;
  status: AttestationStatus;
  evidence_key: string | null;
  evidence_content_type: string | null;
  evidence_size: string | null;
  evidence_sha256: string | null;
  evidence_file_name: string | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
}

export interface AttestationListRow extends AttestationRow {
  trainee_name: string;
}

export interface AttestationStandingRow {
  kind: AttestationKind;
  verified_at: Date | null;
  pending: boolean;
  rejection_note: string | null;
  rejected: boolean;
}

const COLUMNS = `a.id, a.user_id, a.kind, a.statement, a.status, a.evidence_key, a.evidence_content_type,
  a.evidence_size, a.evidence_sha256, a.evidence_file_name, a.created_at, a.decided_at, a.decided_by,
  a.decision_note`;

@Injectable()
export class AttestationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(attestation: {
    userId: string;
    kind: AttestationKind;
    statement: string;
    evidence: {
      key: string;
      contentType: string;
      size: number;
      sha256: string;
      fileName: string | null;
    } | null;
  }): Promise<AttestationRow> {
    const e = attestation.evidence;
    const [row] = await this.tx.query<AttestationRow>(
      `INSERT INTO attestations AS a (user_id, kind, statement, evidence_key, evidence_content_type,
         evidence_size, evidence_sha256, evidence_file_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        attestation.userId,
        attestation.kind,
        attestation.statement,
        e?.key ?? null,
        e?.contentType ?? null,
        e?.size ?? null,
        e?.sha256 ?? null,
        e?.fileName ?? null,
      ],
    );
    return row!;
  }

  async findById(id: string): Promise<AttestationRow | null> {
    const rows = await this.tx.query<AttestationRow>(
      `SELECT ${COLUMNS} FROM attestations a WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: {
    userId?: string;
    status?: AttestationStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: AttestationListRow[]; total: number }> {
    return this.tx.page<AttestationListRow>(
      {
        sql: `SELECT ${COLUMNS}, u.display_name AS trainee_name
              FROM attestations a JOIN users u ON u.id = a.user_id
              WHERE ($1::uuid IS NULL OR a.user_id = $1) AND ($2::text IS NULL OR a.status = $2)`,
        params: [filter.userId ?? null, filter.status ?? null],
        orderBy: 'created_at DESC, id DESC',
      },
      filter,
    );
  }

  /** Decides a pending attestation; null when it is not pending (or not there). */
  async decide(
    id: string,
    decision: { status: AttestationStatus; decidedBy: string; note: string | null },
  ): Promise<AttestationRow | null> {
    const rows = await this.tx.query<AttestationRow>(
      `UPDATE attestations a SET status = $2, decided_at = now(), decided_by = $3, decision_note = $4
       WHERE a.id = $1 AND a.status = 'pending' RETURNING ${COLUMNS}`,
      [id, decision.status, decision.decidedBy, decision.note],
    );
    return rows[0] ?? null;
  }

  /** Where each of the trainee's attestation kinds stands, in one query. */
  async standing(userId: string, kinds: string[]): Promise<AttestationStandingRow[]> {
    return this.tx.query<AttestationStandingRow>(
      `SELECT kind,
              min(decided_at) FILTER (WHERE status = 'verified') AS verified_at,
              bool_or(status = 'pending') AS pending,
              bool_or(status = 'rejected') AS rejected,
              (array_agg(decision_note ORDER BY decided_at DESC)
                 FILTER (WHERE status = 'rejected'))[1] AS rejection_note
       FROM attestations WHERE user_id = $1 AND kind = ANY($2::text[])
       GROUP BY kind`,
      [userId, kinds],
    );
  }
}
