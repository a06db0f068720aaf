import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin, Role } from '@msc/domain/kernel';
import { Notifier } from '@msc/domain/notifications';
import { jobIdOf, type JobItem, JobName, JobQueue, QueueName } from '@msc/queue';
import { BlobStore, type ByteRange, StorageError, StorageErrorCode } from '@msc/storage';
import {
  DAY_MS,
  MIN_RECORDING_SECONDS,
  REVIEW_DUE_DAYS,
  REVIEW_ESCALATION_DAYS,
  REVIEW_REMINDER_DAYS,
} from './practicum.config.js';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import { PracticumStatus } from './practicum.entity.js';
import { PracticumsRepository } from './practicums.repository.js';
import { probeMedia, recordingTypeOf, splitHead } from './recording-media.js';
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

/** A file the upload stored, before its recording row exists. */
export interface StoredRecordingFile {
  key: string;
  size: number;
  sha256: string;
  mediaType: string;
  filename: string | null;
}

export interface RecordingFields {
  cohortId: string;
  sessionNumber: number;
}

export interface RecordingContent {
  key: string;
  size: number;
  mediaType: string;
  sha256: string;
}

/** Why the probe turns a recording down; stored as `rejectionReason`. */
export enum RejectionReason {
  Unreadable = 'unreadable',
  NoDuration = 'no_duration',
  TooShort = 'too_short',
  ChecksumMismatch = 'checksum_mismatch',
  FileMissing = 'file_missing',
}

const number = (value: string | null) => (value === null ? null : Number(value));

export const reminderJob = (recordingId: string, reviewerId: string): JobItem => ({
  name: JobName.RecordingReviewReminder,
  data: { recordingId, reviewerId },
});
export const escalationJob = (recordingId: string, reviewerId: string): JobItem => ({
  name: JobName.RecordingReviewEscalation,
  data: { recordingId, reviewerId },
});

/** Teaching recordings: upload, probe, reviewer assignment and reading them back. */
@Injectable()
export class RecordingsService {
  private readonly logger = new Logger(RecordingsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly recordings: RecordingsRepository,
    private readonly practicums: PracticumsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly store: BlobStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly jobs: JobQueue,
  ) {}

  /** Refuses before a byte is read: only the trainee of an active practicum uploads to it. */
  async checkCanUpload(actor: Actor, practicumId: string): Promise<void> {
    const practicum = await this.practicums.findById(practicumId);
    const involved =
      practicum &&
      (isAdmin(actor) || practicum.trainee_id === actor.id || practicum.mentor_id === actor.id);
    if (!practicum || !involved) {
      throw new PracticumError(PracticumErrorCode.PracticumNotFound, 'No such practicum');
    }
    if (practicum.trainee_id !== actor.id) {
      throw new PracticumError(
        PracticumErrorCode.NotPracticumTrainee,
        "Only the practicum's trainee uploads its teaching recordings",
      );
    }
    if (practicum.status !== PracticumStatus.Active) {
      throw new PracticumError(PracticumErrorCode.PracticumClosed, 'The practicum is closed');
    }
  }

  /** Refuses a cohort the trainee does not teach or a session it does not have. */
  async checkFields(actor: Actor, fields: RecordingFields): Promise<void> {
    const found = await this.recordings.cohortTeaching(
      fields.cohortId,
      actor.id,
      fields.sessionNumber,
    );
    if (!found) throw new PracticumError(PracticumErrorCode.CohortNotFound, 'No such cohort');
    if (!found.is_teacher) {
      throw new PracticumError(
        PracticumErrorCode.NotTeachingCohort,
        'A teaching recording is of a cohort you teach',
      );
    }
    if (!found.has_session) {
      throw new PracticumError(
        PracticumErrorCode.SessionNumberUnknown,
        `The cohort has no session ${fields.sessionNumber}`,
      );
    }
  }

  /**
   * Streams the file into the blob store: its type is decided from its first bytes (415 and
   * nothing stored when it is not audio or video), its size limited while it streams.
   */
  async storeFile(file: Readable, filename: string | null): Promise<StoredRecordingFile> {
    const { head, stream } = await splitHead(file);
    const mediaType = await recordingTypeOf(head);
    if (!mediaType) {
      stream.destroy();
      throw new PracticumError(
        PracticumErrorCode.UnsupportedMediaType,
        'The file is not audio or video in a supported format (MP4, MOV, M4A, WebM, MP3, WAV, Ogg)',
      );
    }
    const stored = await this.store.put(stream, {
      prefix: 'recordings',
      maxBytes: this.config.RECORDING_MAX_BYTES,
      contentType: mediaType,
    });
    return { ...stored, mediaType, filename: filename?.slice(0, 255) || null };
  }

  /** Removes a stored file whose recording will not be created. */
  async discardFile(file: StoredRecordingFile): Promise<void> {
    await this.store.delete(file.key).catch((error: unknown) => {
      this.logger.warn({ err: error, key: file.key }, 'could not remove a discarded upload');
    });
  }

  /** Creates the recording for a stored file and queues its probe; removes the file on failure. */
  async register(
    actor: Actor,
    practicumId: string,
    fields: RecordingFields,
    file: StoredRecordingFile,
  ): Promise<{ id: string; status: RecordingStatus }> {
    try {
      return await this.tx.transaction(async () => {
        await this.checkCanUpload(actor, practicumId);
        await this.checkFields(actor, fields);
        const row = await this.recordings.insert({
          practicumId,
          traineeId: actor.id,
          cohortId: fields.cohortId,
          sessionNumber: fields.sessionNumber,
          storageKey: file.key,
          mediaType: file.mediaType,
          originalFilename: file.filename,
          sizeBytes: file.size,
          sha256: file.sha256,
        });
        await this.outbox.add({ name: JobName.ProbeRecording, data: { recordingId: row.id } });
        await this.audit.record({
          actorId: actor.id,
          action: 'recording.uploaded',
          subject: `recording/${row.id}`,
          details: {
            practicumId,
            cohortId: fields.cohortId,
            sessionNumber: fields.sessionNumber,
            size: file.size,
            sha256: file.sha256,
            mediaType: file.mediaType,
            consentConfirmed: true,
          },
        });
        return { id: row.id, status: row.status };
      });
    } catch (error) {
      await this.discardFile(file);
      throw error;
    }
  }

  async get(actor: Actor, id: string): Promise<RecordingView> {
    const row = await this.visible(actor, id);
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

  async content(actor: Actor, id: string): Promise<RecordingContent> {
    const row = await this.visible(actor, id);
    return {
      key: row.storage_key,
      size: Number(row.size_bytes),
      mediaType: row.media_type,
      sha256: row.sha256,
    };
  }

  /** The media of a recording by id alone, for a signed link (the link is the permission). */
  async contentById(id: string): Promise<RecordingContent> {
    const row = await this.recordings.findById(id);
    if (!row) throw new PracticumError(PracticumErrorCode.RecordingNotFound, 'No such recording');
    return {
      key: row.storage_key,
      size: Number(row.size_bytes),
      mediaType: row.media_type,
      sha256: row.sha256,
    };
  }

  read(content: RecordingContent, range?: ByteRange): Promise<Readable> {
    return this.store.get(content.key, range);
  }

  /**
   * The ProbeRecording job: container and duration from the stored bytes (and their checksum);
   * `awaiting_review` and the reviewer assignment queued, or `rejected` with a reason.
   */
  async probe(recordingId: string): Promise<string> {
    const row = await this.recordings.findById(recordingId);
    if (!row || row.status !== RecordingStatus.Processing) return 'skipped';
    let probe;
    try {
      probe = await probeMedia(await this.store.get(row.storage_key), {
        mimeType: row.media_type,
        size: Number(row.size_bytes),
      });
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.NotFound) {
        return this.rejectRecording(row, RejectionReason.FileMissing, null, null);
      }
      throw error;
    }
    const { durationSeconds, container } = probe;
    if (probe.sha256 !== row.sha256 || probe.size !== Number(row.size_bytes)) {
      return this.rejectRecording(
        row,
        RejectionReason.ChecksumMismatch,
        durationSeconds,
        container,
      );
    }
    if (probe.error !== null) {
      return this.rejectRecording(row, RejectionReason.Unreadable, null, container);
    }
    if (durationSeconds === null || durationSeconds <= 0) {
      return this.rejectRecording(row, RejectionReason.NoDuration, null, container);
    }
    if (durationSeconds < MIN_RECORDING_SECONDS) {
      return this.rejectRecording(row, RejectionReason.TooShort, durationSeconds, container);
    }
    return this.tx.transaction(async () => {
      if (!(await this.recordings.markProbed(row.id, { durationSeconds, container }))) {
        return 'skipped';
      }
      await this.outbox.add({ name: JobName.AssignRecordingReview, data: { recordingId: row.id } });
      return 'awaiting_review';
    });
  }

  /**
   * The AssignRecordingReview job: the practicum's mentor when they do not teach the recorded
   * cohort, else the least loaded eligible mentor; schedules the reminder and the escalation.
   */
  async assignReviewer(recordingId: string, now = new Date()): Promise<string> {
    return this.tx.transaction(async () => {
      const row = await this.recordings.findById(recordingId, { forUpdate: true });
      if (!row || row.status !== RecordingStatus.AwaitingReview || row.reviewer_id)
        return 'skipped';
      const practicumMentorId = (await this.recordings.practicumMentorOf(row.practicum_id))!;
      const reviewerId = await this.recordings.pickReviewer({
        traineeId: row.trainee_id,
        cohortId: row.cohort_id,
        practicumMentorId,
      });
      if (!reviewerId) {
        await this.audit.record({
          actorId: null,
          action: 'recording.no_reviewer',
          subject: `recording/${row.id}`,
        });
        await this.notifyAdmins(row, 'no-reviewer', {
          kind: 'recording.no_reviewer',
          title: 'No mentor can review a teaching recording',
          body: `No eligible mentor was found for the recording ${row.id}; add a mentor who does not teach its cohort.`,
        });
        return 'no_reviewer';
      }
      const dueAt = new Date(now.getTime() + REVIEW_DUE_DAYS * DAY_MS);
      await this.recordings.assignReviewer(row.id, reviewerId, { assignedAt: now, dueAt });
      const reminder = reminderJob(row.id, reviewerId);
      const escalation = escalationJob(row.id, reviewerId);
      await this.outbox.add(reminder, {
        delayMs: REVIEW_REMINDER_DAYS * DAY_MS,
        jobId: jobIdOf(reminder),
      });
      await this.outbox.add(escalation, {
        delayMs: REVIEW_ESCALATION_DAYS * DAY_MS,
        jobId: jobIdOf(escalation),
      });
      await this.audit.record({
        actorId: null,
        action: 'recording.review_assigned',
        subject: `recording/${row.id}`,
        details: { reviewerId, dueAt: dueAt.toISOString() },
      });
      await this.notifier.notify({
        userId: reviewerId,
        dedupeKey: `review-assigned-${row.id}-${reviewerId}`,
        kind: 'review.assigned',
        title: 'A teaching recording to review',
        body: `Please review the teaching recording of session ${row.session_number} by ${dueAt.toISOString().slice(0, 10)}.`,
        email: true,
      });
      return 'assigned';
    });
  }

  /**
   * An admin gives an awaiting recording to another reviewer: one who holds the mentor role, is
   * not the trainee and teaches nothing of the recorded cohort. The review is due
   * `REVIEW_DUE_DAYS` from now; the previous reviewer's reminder and escalation are dropped and
   * new ones scheduled; the new reviewer is told (and the previous one).
   */
  async reassignReviewer(
    actor: Actor,
    id: string,
    reviewerId: string,
    now = new Date(),
  ): Promise<RecordingView> {
    const previous = await this.tx.transaction(async () => {
      const row = await this.recordings.findById(id, { forUpdate: true });
      if (!row) throw new PracticumError(PracticumErrorCode.RecordingNotFound, 'No such recording');
      if (row.trainee_id === actor.id) {
        throw new PracticumError(
          PracticumErrorCode.OwnCase,
          'An admin does not choose the reviewer of their own recording; another admin does',
        );
      }
      if (row.status !== RecordingStatus.AwaitingReview) {
        throw new PracticumError(
          PracticumErrorCode.RecordingNotAwaitingReview,
          `The recording is ${row.status}; only one awaiting review gets another reviewer`,
        );
      }
      if (row.reviewer_id === reviewerId) return null;
      const candidate = await this.recordings.reviewerCandidate(reviewerId, row.cohort_id);
      if (!candidate) {
        throw new PracticumError(PracticumErrorCode.UserNotFound, `No user ${reviewerId}`);
      }
      const refusal =
        reviewerId === row.trainee_id
          ? 'The trainee does not review their own recording'
          : !candidate.roles.includes(Role.Mentor)
            ? 'The reviewer must hold the mentor role'
            : candidate.teaches_cohort
              ? 'The reviewer teaches the recorded cohort; a reviewer is independent of it'
              : null;
      if (refusal) {
        throw new PracticumError(PracticumErrorCode.ReviewerNotEligible, refusal, {
          reviewerId,
        });
      }
      const dueAt = new Date(now.getTime() + REVIEW_DUE_DAYS * DAY_MS);
      await this.recordings.reassignReviewer(id, reviewerId, { assignedAt: now, dueAt });
      const reminder = reminderJob(id, reviewerId);
      const escalation = escalationJob(id, reviewerId);
      await this.outbox.add(reminder, {
        delayMs: REVIEW_REMINDER_DAYS * DAY_MS,
        jobId: jobIdOf(reminder),
      });
      await this.outbox.add(escalation, {
        delayMs: REVIEW_ESCALATION_DAYS * DAY_MS,
        jobId: jobIdOf(escalation),
      });
      await this.audit.record({
        actorId: actor.id,
        action: 'recording.reviewer_reassigned',
        subject: `recording/${id}`,
        details: { from: row.reviewer_id, to: reviewerId, dueAt: dueAt.toISOString() },
      });
      const change = `${id}-${reviewerId}-${now.getTime()}`;
      await this.notifier.notify({
        userId: reviewerId,
        dedupeKey: `review-reassigned-${change}`,
        kind: 'review.assigned',
        title: 'A teaching recording to review',
        body: `Please review the teaching recording of session ${row.session_number} by ${dueAt.toISOString().slice(0, 10)}.`,
        email: true,
      });
      if (row.reviewer_id) {
        await this.notifier.notify({
          userId: row.reviewer_id,
          dedupeKey: `review-withdrawn-${change}`,
          kind: 'review.withdrawn',
          title: 'A review was given to another mentor',
          body: `The review of the teaching recording of session ${row.session_number} was given to another mentor; you no longer owe it.`,
          email: false,
        });
      }
      return { reviewerId: row.reviewer_id };
    });
    // The jobs guard on the reviewer too: removing the old ones is tidiness, not correctness.
    if (previous?.reviewerId) {
      for (const item of [
        reminderJob(id, previous.reviewerId),
        escalationJob(id, previous.reviewerId),
      ]) {
        await this.jobs.remove(QueueName.Recordings, jobIdOf(item)).catch((error: unknown) => {
          this.logger.warn(
            { err: error, recordingId: id },
            'could not remove a review deadline job',
          );
        });
      }
    }
    return this.get(actor, id);
  }

  /** The ReviewReminder job: only while the same reviewer still owes the review. */
  async remindReviewer(recordingId: string, reviewerId: string): Promise<string> {
    const row = await this.recordings.findById(recordingId);
    if (!this.stillOwed(row, reviewerId)) return 'skipped';
    await this.notifier.notify({
      userId: reviewerId,
      dedupeKey: `review-reminder-${recordingId}-${reviewerId}`,
      kind: 'review.reminder',
      title: 'A teaching review is waiting for you',
      body: `The review of a teaching recording is due on ${row!.review_due_at!.toISOString().slice(0, 10)}.`,
      email: true,
    });
    return 'reminded';
  }

  /** The ReviewEscalation job: tells every admin that a review is overdue. */
  async escalateReview(recordingId: string, reviewerId: string): Promise<string> {
    return this.tx.transaction(async () => {
      const row = await this.recordings.findById(recordingId);
      if (!this.stillOwed(row, reviewerId)) return 'skipped';
      await this.audit.record({
        actorId: null,
        action: 'recording.review_escalated',
        subject: `recording/${recordingId}`,
        details: { reviewerId },
      });
      await this.notifyAdmins(row!, `escalation-${reviewerId}`, {
        kind: 'review.escalated',
        title: 'A teaching review is overdue',
        body: `The review of recording ${recordingId} assigned to mentor ${reviewerId} was due on ${row!.review_due_at!.toISOString().slice(0, 10)}.`,
      });
      return 'escalated';
    });
  }

  private stillOwed(row: RecordingRow | null, reviewerId: string): boolean {
    return (
      row !== null &&
      row.status === RecordingStatus.AwaitingReview &&
      row.reviewer_id === reviewerId
    );
  }

  private async notifyAdmins(
    row: RecordingRow,
    key: string,
    message: { kind: string; title: string; body: string },
  ): Promise<void> {
    const admins = await this.recordings.adminIds();
    await this.notifier.notifyMany(
      admins.map((userId) => ({
        userId,
        dedupeKey: `recording-${key}-${row.id}-${userId}`,
        ...message,
        email: true,
      })),
    );
  }

  private async rejectRecording(
    row: RecordingRow,
    reason: RejectionReason,
    durationSeconds: number | null,
    container: string | null,
  ): Promise<string> {
    return this.tx.transaction(async () => {
      if (!(await this.recordings.reject(row.id, reason, { durationSeconds, container }))) {
        return 'skipped';
      }
      await this.audit.record({
        actorId: null,
        action: 'recording.rejected',
        subject: `recording/${row.id}`,
        details: { reason, durationSeconds },
      });
      await this.notifier.notify({
        userId: row.trainee_id,
        dedupeKey: `recording-rejected-${row.id}`,
        kind: 'recording.rejected',
        title: 'Your teaching recording was not accepted',
        body: rejectionSentence(reason),
        email: true,
      });
      return `rejected:${reason}`;
    });
  }

  /** The owner, the assigned reviewer and admins see a recording; for anyone else it does not exist. */
  private async visible(actor: Actor, id: string): Promise<RecordingRow> {
    const row = await this.recordings.findById(id);
    if (!row || !(isAdmin(actor) || row.trainee_id === actor.id || row.reviewer_id === actor.id)) {
      throw new PracticumError(PracticumErrorCode.RecordingNotFound, 'No such recording');
    }
    return row;
  }
}

function rejectionSentence(reason: RejectionReason): string {
  switch (reason) {
    case RejectionReason.Unreadable:
      return 'The file could not be read as audio or video; please export it again and upload it.';
    case RejectionReason.NoDuration:
      return 'The file holds no playable audio or video.';
    case RejectionReason.TooShort:
      return `The recording is shorter than ${MIN_RECORDING_SECONDS} seconds; upload the whole session.`;
    case RejectionReason.ChecksumMismatch:
      return 'The stored file did not match what was uploaded; please upload it again.';
    case RejectionReason.FileMissing:
      return 'The uploaded file was lost; please upload it again.';
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
