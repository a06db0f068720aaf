import { Injectable } from '@nestjs/common';
import type { Actor } from '@msc/kernel';
import { visibleRecording } from './recording-access.js';
import {
  type RecordingFilter,
  type RecordingListRow,
  type RecordingRow,
  RecordingsRepository,
} from './recordings.repository.js';
import { ReviewsRepository, type ReviewRow } from './reviews.repository.js';
import { RecordingStatus } from './teaching-recording.entity.js';

export interface RecordingView {
  id: string;
  practicumId: string;
  traineeId: string;
  cohortId: string;
  sessionNumber: number;
  status: RecordingStatus;
  mediaType: string;
  container: string | null;
  durationSeconds: number | null;
  size: number;
  sha256: string;
  rejectionReason: string | null;
  reviewerId: string | null;
  reviewAssignedAt: string | null;
  reviewDueAt: string | null;
  reviewedAt: string | null;
  createdAt: string;
  review: ReviewView | null;
  traineeName: string;
  cohortTitle: string;
  courseId: string;
  courseTitle: string;
  /** When the recorded session of the cohort was held (null if the plan no longer has it). */
  sessionStartsAt: string | null;
  /** The media type, as the content is served (`mediaType`, by another name). */
  contentType: string;
  filename: string | null;
  reviewerName: string | null;
  /** Awaiting review past its due date. */
  overdue: boolean;
}

/** A recording in a list: the names resolved and its latest review's outcome. */
export interface RecordingSummaryView {
  id: string;
  practicumId: string;
  traineeId: string;
  traineeName: string;
  cohortId: string;
  cohortTitle: string;
  courseId: string;
  courseTitle: string;
  sessionNumber: number;
  sessionStartsAt: string | null;
  status: RecordingStatus;
  contentType: string;
  filename: string | null;
  size: number;
  durationSeconds: number | null;
  rejectionReason: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
  assignedAt: string | null;
  dueAt: string | null;
  reviewedAt: string | null;
  createdAt: string;
  overdue: boolean;
  /** The latest review's outcome, once reviewed. */
  outcome: string | null;
}

export interface ReviewView {
  id: string;
  reviewerId: string;
  reviewerName: string | null;
  outcome: string;
  scores: Record<string, string>;
  summary: string;
  comments: { atSeconds: number; text: string }[];
  createdAt: string;
}

const number = (value: string | null) => (value === null ? null : Number(value));

/** Reading recordings back: one with its latest review, the trainee's own, every one for admins. */
@Injectable()
export class RecordingViewsService {
  constructor(
    private readonly recordings: RecordingsRepository,
    private readonly reviews: ReviewsRepository,
  ) {}

  async get(actor: Actor, id: string): Promise<RecordingView> {
    const row = await visibleRecording(this.recordings, actor, id);
    const review = row.status === RecordingStatus.Reviewed ? await this.reviews.latestOf(id) : null;
    const listed = (await this.recordings.findListed(id))!;
    return toRecordingView(row, review, listed);
  }

  /** The trainee's own recordings, newest first, with status and the latest review's outcome. */
  async listMine(
    actor: Actor,
    filter: { status?: RecordingStatus; practicumId?: string; limit: number; offset: number },
  ): Promise<{ items: RecordingSummaryView[]; total: number }> {
    const { items, total } = await this.recordings.listOfTrainee(actor.id, filter);
    return { items: items.map(toRecordingSummary), total };
  }

  /** Every recording, for admins, filtered. */
  async list(filter: RecordingFilter): Promise<{ items: RecordingSummaryView[]; total: number }> {
    const { items, total } = await this.recordings.list(filter);
    return { items: items.map(toRecordingSummary), total };
  }
}

export function toRecordingSummary(row: RecordingListRow): RecordingSummaryView {
  return {
    id: row.id,
    practicumId: row.practicum_id,
    traineeId: row.trainee_id,
    traineeName: row.trainee_name,
    cohortId: row.cohort_id,
    cohortTitle: row.cohort_title,
    courseId: row.course_id,
    courseTitle: row.course_title,
    sessionNumber: row.session_number,
    sessionStartsAt: row.session_starts_at?.toISOString() ?? null,
    status: row.status,
    contentType: row.media_type,
    filename: row.original_filename,
    size: Number(row.size_bytes),
    durationSeconds: number(row.duration_seconds),
    rejectionReason: row.rejection_reason,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    assignedAt: row.review_assigned_at?.toISOString() ?? null,
    dueAt: row.review_due_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    overdue: row.overdue,
    outcome: row.status === RecordingStatus.Reviewed ? row.review_outcome : null,
  };
}

export function toRecordingView(
  row: RecordingRow,
  review: ReviewRow | null,
  listed: RecordingListRow,
): RecordingView {
  return {
    id: row.id,
    practicumId: row.practicum_id,
    traineeId: row.trainee_id,
    cohortId: row.cohort_id,
    sessionNumber: row.session_number,
    status: row.status,
    mediaType: row.media_type,
    container: row.container,
    durationSeconds: number(row.duration_seconds),
    size: Number(row.size_bytes),
    sha256: row.sha256,
    rejectionReason: row.rejection_reason,
    reviewerId: row.reviewer_id,
    reviewAssignedAt: row.review_assigned_at?.toISOString() ?? null,
    reviewDueAt: row.review_due_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    review: review
      ? {
          id: review.id,
          reviewerId: review.reviewer_id,
          reviewerName: review.reviewer_name,
          outcome: review.outcome,
          scores: review.scores,
          summary: review.summary,
          comments: review.comments,
          createdAt: review.created_at.toISOString(),
        }
      : null,
    traineeName: listed.trainee_name,
    cohortTitle: listed.cohort_title,
    courseId: listed.course_id,
    courseTitle: listed.course_title,
    sessionStartsAt: listed.session_starts_at?.toISOString() ?? null,
    contentType: row.media_type,
    filename: row.original_filename,
    reviewerName: listed.reviewer_name,
    overdue: listed.overdue,
  };
}
