import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import type { CertificationRequestStatus } from './certification-request.entity.js';
import type { Designation } from './designation.js';

export interface CertificationRequestRow {
  id: string;
  trainee_id: string;
  trainee_name: string;
  designation: Designation;
  status: CertificationRequestStatus;
  note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface CertificationRequestListRow extends CertificationRequestRow {
  /** The deciding admin's display name; null while undecided. */
  decided_by_name: string | null;
}

const COLUMNS = `r.id, r.trainee_id, u.display_name AS trainee_name, r.designation, r.status,
  r.note, r.decided_by, r.decided_at, r.created_at`;

@Injectable()
export class CertificationRequestsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts a pending request; null when one is already pending or approved. */
  async insertPending(traineeId: string, designation: Designation): Promise<{ id: string } | null> {
    const rows = await this.tx.query<{ id: string }>(
      `INSERT INTO certification_requests (trainee_id, designation, status)
       VALUES ($1, $2, 'pending_review') ON CONFLICT DO NOTHING RETURNING id`,
      [traineeId, designation],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<CertificationRequestRow | null> {
    const rows = await this.tx.query<CertificationRequestRow>(
      `SELECT ${COLUMNS} FROM certification_requests r JOIN ${PEOPLE} u ON u.id = r.trainee_id
       WHERE r.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Decides a pending request. The status guard makes concurrent decisions safe: the second one
   * waits for the first's row lock, then finds the request no longer pending and updates nothing.
   */
  async decide(
    id: string,
    status: 'approved' | 'rejected',
    decidedBy: string,
    note: string | null,
  ): Promise<{ id: string; trainee_id: string; designation: Designation } | null> {
    const rows = await this.tx.query<{ id: string; trainee_id: string; designation: Designation }>(
      `UPDATE certification_requests
       SET status = $2, decided_by = $3, decided_at = now(), note = $4
       WHERE id = $1 AND status = 'pending_review'
       RETURNING id, trainee_id, designation`,
      [id, status, decidedBy, note],
    );
    return rows[0] ?? null;
  }

  async markRevoked(id: string): Promise<void> {
    await this.tx.query(
      `UPDATE certification_requests SET status = 'revoked' WHERE id = $1 AND status = 'approved'`,
      [id],
    );
  }

  async list(filter: {
    status?: CertificationRequestStatus;
    traineeId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: CertificationRequestListRow[]; total: number }> {
    return this.tx.page<CertificationRequestListRow>(
      {
        sql: `SELECT r.id, r.created_at FROM certification_requests r
              WHERE ($1::text IS NULL OR r.status = $1) AND ($2::uuid IS NULL OR r.trainee_id = $2)`,
        params: [filter.status ?? null, filter.traineeId ?? null],
        orderBy: 'created_at, id',
        // The names of the trainee and of the deciding admin, for the page's requests only.
        perRow: {
          joins: `JOIN certification_requests r ON r.id = page.id
                  JOIN ${PEOPLE} u ON u.id = r.trainee_id
                  LEFT JOIN ${PEOPLE} d ON d.id = r.decided_by`,
          columns: `${COLUMNS}, d.display_name AS decided_by_name`,
        },
      },
      filter,
    );
  }
}
