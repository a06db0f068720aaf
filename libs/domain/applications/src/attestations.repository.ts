import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { DecidedSubmissions } from './decided-submissions.js';
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
  /** The deciding admin's display name; null while undecided. */
  decided_by_name: string | null;
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
  private readonly submissions: DecidedSubmissions<AttestationRow>;

  constructor(private readonly tx: TransactionHost) {
    this.submissions = new DecidedSubmissions(tx, {
      table: 'attestations',
      columns: COLUMNS,
      openStatus: 'pending',
      acceptedStatus: 'verified',
      acceptedAlias: 'verified_at',
      openAlias: 'pending',
    });
  }

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
  }): Promise<AttestationRow | null> {
    const e = attestation.evidence;
    const [row] = await this.tx.query<AttestationRow>(
      `INSERT INTO attestations AS a (user_id, kind, statement, evidence_key, evidence_content_type,
         evidence_size, evidence_sha256, evidence_file_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id, kind) WHERE status = 'pending' DO NOTHING
       RETURNING ${COLUMNS}`,
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
    // null: one of this kind is pending already (the partial unique index).
    return row ?? null;
  }

  findById(id: string): Promise<AttestationRow | null> {
    return this.submissions.findById(id);
  }

  list(filter: {
    userId?: string;
    status?: AttestationStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: AttestationListRow[]; total: number }> {
    return this.submissions.list<AttestationListRow>(filter);
  }

  /** Decides a pending attestation; null when it is not pending (or not there). */
  decide(
    id: string,
    decision: { status: AttestationStatus; decidedBy: string; note: string | null },
  ): Promise<AttestationRow | null> {
    return this.submissions.decide(id, decision);
  }

  /** The progress statement's part of where the user's kinds stand (JSON AttestationStandingRows). */
  standingSql(userId: string, kinds: string): string {
    return this.submissions.standingSql(userId, kinds);
  }

  /** Those of the evidence keys no attestation names (evidence_key is UNIQUE: an index probe each). */
  async unreferencedEvidence(keys: string[]): Promise<string[]> {
    const rows = await this.tx.query<{ key: string }>(
      `SELECT k.key FROM unnest($1::text[]) AS k(key)
       WHERE NOT EXISTS (SELECT 1 FROM attestations a WHERE a.evidence_key = k.key)`,
      [keys],
    );
    return rows.map((row) => row.key);
  }
}
