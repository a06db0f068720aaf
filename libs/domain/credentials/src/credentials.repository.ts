import { Injectable } from '@nestjs/common';
import { type Page, TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import type { CredentialStatus } from './credential.entity.js';
import type { Designation } from './designation.js';

export interface CredentialRow {
  id: string;
  designation_id: string;
  holder_id: string;
  holder_name: string;
  designation: Designation;
  status: CredentialStatus;
  kid: string;
  jwt: string;
  issued_at: Date;
  revocation_list_id: string;
  revocation_index: number;
  suspension_list_id: string;
  suspension_index: number;
  status_changed_at: Date | null;
  status_reason: string | null;
}

export interface NewCredential {
  id: string;
  designationId: string;
  holderId: string;
  holderName: string;
  designation: Designation;
  kid: string;
  jwt: string;
  issuedAt: Date;
  revocationListId: string;
  revocationIndex: number;
  suspensionListId: string;
  suspensionIndex: number;
}

/** One credential as the admins' list shows it, with its holder's e-mail. */
export interface AdminCredentialRow {
  id: string;
  holder_id: string;
  holder_name: string;
  holder_email: string;
  designation: Designation;
  status: CredentialStatus;
  issued_at: Date;
  status_changed_at: Date | null;
  status_reason: string | null;
}

export interface AdminCredentialFilter {
  status?: CredentialStatus;
  designation?: Designation;
  /** A part of the holder's name (as signed, or as now) or e-mail. */
  q?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `id, designation_id, holder_id, holder_name, designation, status, kid, jwt, issued_at,
  revocation_list_id, revocation_index, suspension_list_id, suspension_index, status_changed_at,
  status_reason`;

@Injectable()
export class CredentialsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the credential; false on any conflict (the designation's, or a taken list index). */
  async insert(c: NewCredential): Promise<boolean> {
    const rows = await this.tx.query<{ id: string }>(
      `INSERT INTO credentials (id, designation_id, holder_id, holder_name, designation, kid, jwt,
         issued_at, revocation_list_id, revocation_index, suspension_list_id, suspension_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        c.id,
        c.designationId,
        c.holderId,
        c.holderName,
        c.designation,
        c.kid,
        c.jwt,
        c.issuedAt,
        c.revocationListId,
        c.revocationIndex,
        c.suspensionListId,
        c.suspensionIndex,
      ],
    );
    return rows.length > 0;
  }

  async findById(id: string): Promise<CredentialRow | null> {
    const rows = await this.tx.query<CredentialRow>(
      `SELECT ${COLUMNS} FROM credentials WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByDesignation(designationId: string): Promise<CredentialRow | null> {
    const rows = await this.tx.query<CredentialRow>(
      `SELECT ${COLUMNS} FROM credentials WHERE designation_id = $1`,
      [designationId],
    );
    return rows[0] ?? null;
  }

  async listByHolder(
    holderId: string,
  ): Promise<
    { id: string; designation: Designation; status: CredentialStatus; issued_at: Date }[]
  > {
    return this.tx.query(
      `SELECT id, designation, status, issued_at FROM credentials
       WHERE holder_id = $1 ORDER BY issued_at DESC, id`,
      [holderId],
    );
  }

  /** Moves the credential between statuses; null when it was not in one of `from`. */
  async changeStatus(
    id: string,
    from: CredentialStatus[],
    to: CredentialStatus,
    actorId: string,
    reason: string | null,
  ): Promise<CredentialRow | null> {
    const rows = await this.tx.query<CredentialRow>(
      `UPDATE credentials
       SET status = $3, status_changed_at = now(), status_changed_by = $4, status_reason = $5
       WHERE id = $1 AND status = ANY($2::text[])
       RETURNING ${COLUMNS}`,
      [id, from, to, actorId, reason],
    );
    return rows[0] ?? null;
  }

  /**
   * A page of every credential, newest first, with the holder's e-mail: one statement. The holder
   * is joined for the page's rows; the filter reads people only when searching.
   */
  async list(filter: AdminCredentialFilter): Promise<Page<AdminCredentialRow>> {
    const q = filter.q?.trim();
    const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.tx.page<AdminCredentialRow>(
      {
        sql: `SELECT c.id, c.issued_at FROM credentials c
              WHERE ($1::text IS NULL OR c.status = $1)
                AND ($2::text IS NULL OR c.designation = $2)
                AND ($3::text IS NULL OR c.holder_name ILIKE $3 OR EXISTS (
                       SELECT 1 FROM ${PEOPLE} u WHERE u.id = c.holder_id
                       AND (u.display_name ILIKE $3 OR u.email ILIKE $3)))`,
        params: [filter.status ?? null, filter.designation ?? null, pattern],
        orderBy: 'issued_at DESC, id DESC',
        perRow: {
          joins: `JOIN credentials c ON c.id = page.id JOIN ${PEOPLE} u ON u.id = c.holder_id`,
          columns: `c.id, c.holder_id, c.holder_name, u.email AS holder_email, c.designation,
                    c.status, c.issued_at, c.status_changed_at, c.status_reason`,
        },
      },
      filter,
    );
  }
}
