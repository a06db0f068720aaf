import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import { evidenceRows } from '@msc/domain/pathway';
import type { Designation } from './designation.js';

export interface DesignationRow {
  id: string;
  trainee_id: string;
  designation: Designation;
  certification_request_id: string;
  granted_at: Date;
  revoked_at: Date | null;
}

export interface HolderRow {
  designation_id: string;
  designation: Designation;
  revoked_at: Date | null;
  holder_id: string;
  holder_name: string;
  holder_email: string;
}

/** A trainee's designations as the progress statement reads them (dates as JSON text). */
export interface DesignationEvidence {
  held: { designation: Designation; granted_at: string }[];
  pending: Designation[];
}

@Injectable()
export class DesignationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Grants the designation; null when the trainee already holds it. */
  async grant(input: {
    traineeId: string;
    designation: Designation;
    certificationRequestId: string;
    grantedBy: string;
  }): Promise<{ id: string; granted_at: Date } | null> {
    const rows = await this.tx.query<{ id: string; granted_at: Date }>(
      `INSERT INTO designations (trainee_id, designation, certification_request_id, granted_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id, granted_at`,
      [input.traineeId, input.designation, input.certificationRequestId, input.grantedBy],
    );
    return rows[0] ?? null;
  }

  async isHeld(traineeId: string, designation: Designation): Promise<boolean> {
    const rows = await this.tx.query(
      `SELECT 1 FROM designations WHERE trainee_id = $1 AND designation = $2 AND revoked_at IS NULL`,
      [traineeId, designation],
    );
    return rows.length > 0;
  }

  /**
   * The progress statement's parts (see EvidenceSql) of a trainee's designations: those held
   * (granted and not revoked) and those asked for that an admin has not decided yet. `traineeId`
   * is an SQL placeholder.
   */
  standingSql(traineeId: string): { held: string; pending: string } {
    return {
      held: evidenceRows(
        `SELECT designation, granted_at FROM designations
         WHERE trainee_id = ${traineeId} AND revoked_at IS NULL`,
      ),
      pending: `(SELECT coalesce(json_agg(designation), '[]'::json) FROM certification_requests
                 WHERE trainee_id = ${traineeId} AND status = 'pending_review')`,
    };
  }

  async findWithHolder(id: string): Promise<HolderRow | null> {
    const rows = await this.tx.query<HolderRow>(
      `SELECT d.id AS designation_id, d.designation, d.revoked_at,
              u.id AS holder_id, u.display_name AS holder_name, u.email AS holder_email
       FROM designations d JOIN ${PEOPLE} u ON u.id = d.trainee_id WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async revoke(id: string, reason: string): Promise<DesignationRow | null> {
    const rows = await this.tx.query<DesignationRow>(
      `UPDATE designations SET revoked_at = now(), revoked_reason = $2
       WHERE id = $1 AND revoked_at IS NULL
       RETURNING id, trainee_id, designation, certification_request_id, granted_at, revoked_at`,
      [id, reason],
    );
    return rows[0] ?? null;
  }
}
