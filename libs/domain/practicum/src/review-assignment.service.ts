import { Injectable, Logger } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, Role } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { jobIdOf, type JobItem, JobName, JobQueue, QueueName } from '@msc/queue';
import {
  DAY_MS,
  REVIEW_DUE_DAYS,
  REVIEW_ESCALATION_DAYS,
  REVIEW_REMINDER_DAYS,
} from './practicum.config.js';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import { type RecordingView, RecordingViewsService } from './recording-views.service.js';
import { type RecordingRow, RecordingsRepository } from './recordings.repository.js';
import { RecordingStatus } from './teaching-recording.entity.js';

export const reminderJob = (recordingId: string, reviewerId: string): JobItem => ({
  name: JobName.RecordingReviewReminder,
  data: { recordingId, reviewerId },
});
export const escalationJob = (recordingId: string, reviewerId: string): JobItem => ({
  name: JobName.RecordingReviewEscalation,
  data: { recordingId, reviewerId },
});

/**
 * Who reviews a recording: the assignment after the probe, an admin's reassignment, and the
 * reminder and escalation while the review is owed.
 */
@Injectable()
export class ReviewAssignmentService {
  private readonly logger = new Logger(ReviewAssignmentService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly recordings: RecordingsRepository,
    private readonly views: RecordingViewsService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly jobs: JobQueue,
  ) {}

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
      await this.outbox.add(reminder, { delayMs: REVIEW_REMINDER_DAYS * DAY_MS });
      await this.outbox.add(escalation, { delayMs: REVIEW_ESCALATION_DAYS * DAY_MS });
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
      await this.outbox.add(reminder, { delayMs: REVIEW_REMINDER_DAYS * DAY_MS });
      await this.outbox.add(escalation, { delayMs: REVIEW_ESCALATION_DAYS * DAY_MS });
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
    return this.views.get(actor, id);
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
}
