import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { RecordingStatus } from './teaching-recording.entity.js';

export interface RecordingRow {
  id: string;
  practicum_id: string;
  trainee_id: string;
  cohort_id: string;
  session_number: number;
  status: RecordingStatus;
  storage_key: string;
  media_type: string;
  original_filename: string | null;
  size_bytes: string;
  sha256: string;
  container: string | null;
  duration_seconds: string | null;
  rejection_reason: string | null;
  reviewer_id: string | null;
  review_assigned_at: Date | null;
  review_due_at: Date | null;
  reviewed_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id, practicum_id, trainee_id, cohort_id, session_number, status, storage_key,
  media_type, original_filename, size_bytes, sha256, container, duration_seconds, rejection_reason,
  reviewer_id, review_assigned_at, review_due_at, reviewed_at, created_at`;

export interface PendingReviewRow {
  recording_id: string;
  trainee_id: string;
  cohort_id: string;
  session_number: number;
  status: RecordingStatus;
  duration_seconds: string | null;
  review_assigned_at: Date;
  review_due_at: Date;
  reviewed_at: Date | null;
}

/** Teaching recordings and the reviewer assignment on them. */
@Injectable()
export class RecordingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** What the upload needs to know of the cohort: is it there, does the user teach it, has it that session. */
  async cohortTeaching(
    cohortId: string,
    userId: string,
    sessionNumber: number,
  ): Promise<{ is_teacher: boolean; has_session: boolean } | null> {
    const rows = await this.tx.query<{ is_teacher: boolean; has_session: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM cohort_teachers t WHERE t.cohort_id = c.id AND t.user_id = $2) AS is_teacher,
              EXISTS (SELECT 1 FROM cohort_sessions s WHERE s.cohort_id = c.id AND s.number = $3) AS has_session
       FROM cohorts c WHERE c.id = $1`,
      [cohortId, userId, sessionNumber],
    );
    return rows[0] ?? null;
  }

  async insert(input: {
    practicumId: string;
    traineeId: string;
    cohortId: string;
    sessionNumber: number;
    storageKey: string;
    mediaType: string;
    originalFilename: string | null;
    sizeBytes: number;
    sha256: string;
  }): Promise<RecordingRow> {
    const rows = await this.tx.query<RecordingRow>(
      `INSERT INTO teaching_recordings (practicum_id, trainee_id, cohort_id, session_number,
         storage_key, media_type, original_filename, size_bytes, sha256, consent_confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING ${COLUMNS}`,
      [
        input.practicumId,
        input.traineeId,
        input.cohortId,
        input.sessionNumber,
        input.storageKey,
        input.mediaType,
        input.originalFilename,
        input.sizeBytes,
        input.sha256,
      ],
    );
    return rows[0]!;
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<RecordingRow | null> {
    const rows = await this.tx.query<RecordingRow>(
      `SELECT ${COLUMNS} FROM teaching_recordings WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** processing -> awaiting_review; false when the recording was not processing any more. */
  async markProbed(id: string, probe: { durationSeconds: number; container: string | null }) {
    const rows = await this.tx.query(
      `UPDATE teaching_recordings
       SET status = 'awaiting_review', duration_seconds = $2, container = $3, updated_at = now()
       WHERE id = $1 AND status = 'processing' RETURNING id`,
      [id, probe.durationSeconds, probe.container],
    );
    return rows.length > 0;
  }

  async reject(
    id: string,
    reason: string,
    probe: { durationSeconds: number | null; container: string | null },
  ): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE teaching_recordings
       SET status = 'rejected', rejection_reason = $2, duration_seconds = $3, container = $4,
           updated_at = now()
       WHERE id = $1 AND status = 'processing' RETURNING id`,
      [id, reason, probe.durationSeconds, probe.container],
    );
    return rows.length > 0;
  }

  /**
   * The reviewer for a recording, in one query: the practicum's mentor when eligible, else the
   * eligible mentor with the fewest open reviews. Eligible: holds the mentor role, is not the
   * trainee, and teaches (lead or co-teacher) nothing of the recorded cohort.
   */
  async pickReviewer(recording: {
    traineeId: string;
    cohortId: string;
    practicumMentorId: string;
  }): Promise<string | null> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT u.id FROM users u
       LEFT JOIN LATERAL (
         SELECT count(*) AS open FROM teaching_recordings r
         WHERE r.reviewer_id = u.id AND r.status = 'awaiting_review'
       ) load ON true
       WHERE 'mentor' = ANY(u.roles) AND u.id <> $1
         AND NOT EXISTS (SELECT 1 FROM cohort_teachers t WHERE t.cohort_id = $2 AND t.user_id = u.id)
       ORDER BY (u.id = $3) DESC, load.open ASC, u.created_at, u.id
       LIMIT 1`,
      [recording.traineeId, recording.cohortId, recording.practicumMentorId],
    );
    return rows[0]?.id ?? null;
  }

  async assignReviewer(
    id: string,
    reviewerId: string,
    times: { assignedAt: Date; dueAt: Date },
  ): Promise<RecordingRow | null> {
    const rows = await this.tx.query<RecordingRow>(
      `UPDATE teaching_recordings
       SET reviewer_id = $2, review_assigned_at = $3, review_due_at = $4, updated_at = now()
       WHERE id = $1 AND status = 'awaiting_review' AND reviewer_id IS NULL RETURNING ${COLUMNS}`,
      [id, reviewerId, times.assignedAt, times.dueAt],
    );
    return rows[0] ?? null;
  }

  async markReviewed(id: string): Promise<void> {
    await this.tx.query(
      `UPDATE teaching_recordings SET status = 'reviewed', reviewed_at = now(), updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }

  /** The reviews assigned to a mentor: `pending` (awaiting review) or `completed`, oldest due first. */
  async listReviewsOf(
    reviewerId: string,
    filter: { status: 'pending' | 'completed'; limit: number; offset: number },
  ): Promise<{ items: PendingReviewRow[]; total: number }> {
    const status =
      filter.status === 'pending' ? RecordingStatus.AwaitingReview : RecordingStatus.Reviewed;
    return this.tx.page<PendingReviewRow>(
      {
        sql: `SELECT id AS recording_id, trainee_id, cohort_id, session_number, status,
                     duration_seconds, review_assigned_at, review_due_at, reviewed_at
              FROM teaching_recordings
              WHERE reviewer_id = $1 AND status = $2`,
        params: [reviewerId, status],
        orderBy: 'review_due_at, recording_id',
      },
      filter,
    );
  }

  async adminIds(): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      "SELECT id FROM users WHERE 'admin' = ANY(roles) ORDER BY id",
    );
    return rows.map((row) => row.id);
  }

  async practicumMentorOf(practicumId: string): Promise<string | null> {
    const rows = await this.tx.query<{ mentor_id: string }>(
      'SELECT mentor_id FROM practicums WHERE id = $1',
      [practicumId],
    );
    return rows[0]?.mentor_id ?? null;
  }
}
