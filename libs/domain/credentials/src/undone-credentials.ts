import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { type JobItem, JobName, type UndoneWorkFinder } from '@msc/queue';

/** Approved designations, still in force, without a credential. */
@Injectable()
export class UndoneCredentials implements UndoneWorkFinder {
  readonly kind = 'credentials';

  constructor(private readonly tx: TransactionHost) {}

  async find(settledBefore: Date, limit: number): Promise<JobItem[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT d.id FROM designations d
       WHERE d.revoked_at IS NULL AND d.granted_at <= $1
         AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.designation_id = d.id)
       ORDER BY d.id LIMIT ${limit}`,
      [settledBefore],
    );
    return rows.map((row) => ({ name: JobName.IssueCredential, data: { designationId: row.id } }));
  }
}
