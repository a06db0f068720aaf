import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { CourseReads, courseSql } from '@msc/domain/courses';
import { PEOPLE } from '@msc/domain/identity';
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

/** A recording with the names a person reads beside it, and the outcome of its latest review. */
export interface RecordingListRow {
  id: string;
  practicum_id: string;
  trainee_id: string;
  trainee_name: string;
  cohort_id: string;
  cohort_title: string;
  course_id: string;
  course_title: string;
  session_number: number;
  session_starts_at: Date | null;
  status: RecordingStatus;
  media_type: string;
  original_filename: string | null;
  size_bytes: string;
  duration_seconds: string | null;
  rejection_reason: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  review_assigned_at: Date | null;
  review_due_at: Date | null;
  reviewed_at: Date | null;
  created_at: Date;
  overdue: boolean;
  review_outcome: string | null;
}

/** Whether recording `r` waits past its review's due date (`now()` decides). */
const OVERDUE = `(r.status = 'awaiting_review' AND r.review_due_at IS NOT NULL
  AND r.review_due_at < now())`;

/** The columns of a `RecordingListRow`, from recording `r` and LIST_JOINS. */
const LIST_COLUMNS = `
  r.id, r.practicum_id, r.trainee_id, t.display_name AS trainee_name,
  r.cohort_id, c.title AS cohort_title, c.course_id, c.course_title,
  r.session_number, s.starts_at AS session_starts_at, r.status, r.media_type,
  r.original_filename, r.size_bytes, r.duration_seconds, r.rejection_reason,
  r.reviewer_id, rv.display_name AS reviewer_name, r.review_assigned_at, r.review_due_at,
  r.reviewed_at, r.created_at, ${OVERDUE} AS overdue, latest.outcome AS review_outcome`;

/** The names a person reads beside recording `r`, and the outcome of its latest review. */
const LIST_JOINS = `
  JOIN ${PEOPLE} t ON t.id = r.trainee_id
  JOIN ${courseSql.cohortTitles} c ON c.id = r.cohort_id
  LEFT JOIN ${courseSql.sessions} s ON s.cohort_id = r.cohort_id AND s.number = r.session_number
  LEFT JOIN ${PEOPLE} rv ON rv.id = r.reviewer_id
  LEFT JOIN LATERAL (
    SELECT m.outcome FROM mentor_reviews m WHERE m.recording_id = r.id
    ORDER BY m.created_at DESC, m.id DESC LIMIT 1
  ) latest ON true`;

/** The lean list of recordings `r`: what the lists order by. */
const LIST_LEAN = `SELECT r.id, r.created_at, r.review_due_at, r.reviewed_at, ${OVERDUE} AS overdue
  FROM teaching_recordings r`;

/** The page's recordings with their names and latest review, for `TransactionHost.page`. */
const LIST_PER_ROW = {
  joins: `JOIN teaching_recordings r ON r.id = page.id ${LIST_JOINS}`,
  columns: LIST_COLUMNS,
};

export type ReviewQueueStatus = 'pending' | 'done';

/** What an admin's list of recordings may be narrowed to. */
export interface RecordingFilter {
  status?: RecordingStatus;
  traineeId?: string;
  reviewerId?: string;
  practicumId?: string;
  /** Only reviews past their due date. */
  overdue?: boolean;
  /** A part of the trainee's or the reviewer's name or e-mail. */
  q?: string;
  limit: number;
  offset: number;
}

/** `%text%` for ILIKE, with the pattern characters of `text` taken literally. */
export const containsPattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Teaching recordings and the reviewer assignment on them. */
@Injectable()
export class RecordingsRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly courses: CourseReads,
  ) {}

  /** What the upload needs to know of the cohort: is it there, does the user teach it, has it that session. */
  async cohortTeaching(
    cohortId: string,
    userId: string,
    sessionNumber: number,
  ): Promise<{ is_teacher: boolean; has_session: boolean } | null> {
    return this.courses.cohortTeaching(cohortId, userId, sessionNumber);
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
      `SELECT u.id FROM ${PEOPLE} u
       LEFT JOIN LATERAL (
         SELECT count(*) AS open FROM teaching_recordings r
         WHERE r.reviewer_id = u.id AND r.status = 'awaiting_review'
       ) load ON true
       WHERE 'mentor' = ANY(u.roles) AND u.id <> $1
         AND NOT ${courseSql.teaches('$2', 'u.id')}
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

  /**
   * The reviews assigned to a mentor: `pending` (awaiting review; overdue first, then by due date)
   * or `done` (reviewed by them, latest first).
   */
  async listReviewsOf(
    reviewerId: string,
    filter: { status: ReviewQueueStatus; limit: number; offset: number },
  ): Promise<{ items: RecordingListRow[]; total: number }> {
    const pending = filter.status === 'pending';
    return this.tx.page<RecordingListRow>(
      {
        sql: `${LIST_LEAN} WHERE r.reviewer_id = $1 AND r.status = $2`,
        params: [reviewerId, pending ? RecordingStatus.AwaitingReview : RecordingStatus.Reviewed],
        orderBy: pending ? 'overdue DESC, review_due_at, id' : 'reviewed_at DESC, id',
        perRow: LIST_PER_ROW,
      },
      filter,
    );
  }

  /** The numbers of a mentor's review queue: what is pending, how much of it overdue, what is done. */
  async reviewCountsOf(
    reviewerId: string,
  ): Promise<{ pending: number; overdue: number; done: number }> {
    const [row] = await this.tx.query<{ pending: string; overdue: string; done: string }>(
      `SELECT count(*) FILTER (WHERE status = 'awaiting_review') AS pending,
              count(*) FILTER (WHERE status = 'awaiting_review' AND review_due_at < now()) AS overdue,
              count(*) FILTER (WHERE status = 'reviewed') AS done
       FROM teaching_recordings
       WHERE reviewer_id = $1 AND status IN ('awaiting_review', 'reviewed')`,
      [reviewerId],
    );
    return {
      pending: Number(row!.pending),
      overdue: Number(row!.overdue),
      done: Number(row!.done),
    };
  }

  /** One recording with its names resolved. */
  async findListed(id: string): Promise<RecordingListRow | null> {
    const rows = await this.tx.query<RecordingListRow>(
      `SELECT ${LIST_COLUMNS} FROM teaching_recordings r ${LIST_JOINS} WHERE r.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A trainee's own recordings, newest first. */
  async listOfTrainee(
    traineeId: string,
    filter: { status?: RecordingStatus; practicumId?: string; limit: number; offset: number },
  ): Promise<{ items: RecordingListRow[]; total: number }> {
    return this.tx.page<RecordingListRow>(
      {
        sql: `${LIST_LEAN} WHERE r.trainee_id = $1 AND ($2::text IS NULL OR r.status = $2)
                AND ($3::uuid IS NULL OR r.practicum_id = $3)`,
        params: [traineeId, filter.status ?? null, filter.practicumId ?? null],
        orderBy: 'created_at DESC, id',
        perRow: LIST_PER_ROW,
      },
      filter,
    );
  }

  /** Every recording, for admins: newest first, or by due date when only overdue ones are asked for. */
  async list(filter: RecordingFilter): Promise<{ items: RecordingListRow[]; total: number }> {
    return this.tx.page<RecordingListRow>(
      {
        sql: `${LIST_LEAN}
              WHERE ($1::text IS NULL OR r.status = $1)
                AND ($2::uuid IS NULL OR r.trainee_id = $2)
                AND ($3::uuid IS NULL OR r.reviewer_id = $3)
                AND ($4::uuid IS NULL OR r.practicum_id = $4)
                AND (NOT $5::boolean OR (r.status = 'awaiting_review' AND r.review_due_at < now()))
                AND ($6::text IS NULL OR EXISTS (
                       SELECT 1 FROM ${PEOPLE} u WHERE u.id IN (r.trainee_id, r.reviewer_id)
                       AND (u.display_name ILIKE $6 OR u.email ILIKE $6)))`,
        params: [
          filter.status ?? null,
          filter.traineeId ?? null,
          filter.reviewerId ?? null,
          filter.practicumId ?? null,
          filter.overdue ?? false,
          filter.q ? containsPattern(filter.q) : null,
        ],
        orderBy: filter.overdue ? 'review_due_at, id' : 'created_at DESC, id',
        perRow: LIST_PER_ROW,
      },
      filter,
    );
  }

  /**
   * Whether a user may review a recording of `cohortId` by `traineeId`: their roles (null when
   * there is no such user) and whether they teach the cohort.
   */
  async reviewerCandidate(
    userId: string,
    cohortId: string,
  ): Promise<{ roles: string[]; teaches_cohort: boolean; display_name: string } | null> {
    const rows = await this.tx.query<{
      roles: string[];
      teaches_cohort: boolean;
      display_name: string;
    }>(
      `SELECT u.roles, u.display_name,
              ${courseSql.teaches('$2', 'u.id')} AS teaches_cohort
       FROM ${PEOPLE} u WHERE u.id = $1`,
      [userId, cohortId],
    );
    return rows[0] ?? null;
  }

  /** Gives an awaiting recording to another reviewer, with fresh assignment and due times. */
  async reassignReviewer(
    id: string,
    reviewerId: string,
    times: { assignedAt: Date; dueAt: Date },
  ): Promise<RecordingRow | null> {
    const rows = await this.tx.query<RecordingRow>(
      `UPDATE teaching_recordings
       SET reviewer_id = $2, review_assigned_at = $3, review_due_at = $4, updated_at = now()
       WHERE id = $1 AND status = 'awaiting_review' RETURNING ${COLUMNS}`,
      [id, reviewerId, times.assignedAt, times.dueAt],
    );
    return rows[0] ?? null;
  }

  async adminIds(): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT u.id FROM ${PEOPLE} u WHERE 'admin' = ANY(u.roles) ORDER BY u.id`,
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

  /** Those of the storage keys no recording names (storage_key is UNIQUE: an index probe each). */
  async unreferencedStorageKeys(keys: string[]): Promise<string[]> {
    const rows = await this.tx.query<{ key: string }>(
      `SELECT k.key FROM unnest($1::text[]) AS k(key)
       WHERE NOT EXISTS (SELECT 1 FROM teaching_recordings r WHERE r.storage_key = k.key)`,
      [keys],
    );
    return rows.map((row) => row.key);
  }
}
