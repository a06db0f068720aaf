import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { AttendanceStatus } from './attendance-record.entity.js';

export interface AttendanceRow {
  user_id: string;
  status: AttendanceStatus;
  recorded_at: Date;
}

@Injectable()
export class AttendanceRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Upserts every record of a session in one statement. */
  async upsert(input: {
    cohortId: string;
    sessionId: string;
    recordedBy: string;
    records: { userId: string; status: AttendanceStatus }[];
  }): Promise<void> {
    await this.tx.query(
      `INSERT INTO attendance_records (session_id, cohort_id, user_id, status, recorded_by, recorded_at)
       SELECT $1, $2, r.user_id, r.status, $3, now()
       FROM unnest($4::uuid[], $5::text[]) AS r(user_id, status)
       ON CONFLICT (session_id, user_id) DO UPDATE SET
         status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by,
         recorded_at = EXCLUDED.recorded_at`,
      [
        input.sessionId,
        input.cohortId,
        input.recordedBy,
        input.records.map((r) => r.userId),
        input.records.map((r) => r.status),
      ],
    );
  }

  async forSession(sessionId: string): Promise<AttendanceRow[]> {
    return this.tx.query<AttendanceRow>(
      `SELECT user_id, status, recorded_at FROM attendance_records
       WHERE session_id = $1 ORDER BY user_id`,
      [sessionId],
    );
  }
}
