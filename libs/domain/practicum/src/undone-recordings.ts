import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AUDIT_TRAIL } from '@msc/domain/audit';
import { type JobItem, JobName, type UndoneWorkFinder } from '@msc/queue';

/**
 * Recordings still processing (their probe was lost), and accepted recordings without a reviewer
 * for which no "no reviewer" outcome was recorded (their assignment was lost).
 */
@Injectable()
export class UndoneRecordings implements UndoneWorkFinder {
  readonly kind = 'recordings';

  constructor(private readonly tx: TransactionHost) {}

  async find(settledBefore: Date, limit: number): Promise<JobItem[]> {
    const rows = await this.tx.query<{ id: string; status: string }>(
      `SELECT r.id, r.status FROM teaching_recordings r
       WHERE r.updated_at <= $1
         AND (r.status = 'processing'
              OR (r.status = 'awaiting_review' AND r.reviewer_id IS NULL
                  AND NOT EXISTS (
                    SELECT 1 FROM ${AUDIT_TRAIL} a
                    WHERE a.subject = 'recording/' || r.id AND a.action = 'recording.no_reviewer'
                  )))
       ORDER BY r.id LIMIT ${limit}`,
      [settledBefore],
    );
    return rows.map((row): JobItem =>
      row.status === 'processing'
        ? { name: JobName.ProbeRecording, data: { recordingId: row.id } }
        : { name: JobName.AssignRecordingReview, data: { recordingId: row.id } },
    );
  }
}
