import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { jobIdOf, JobQueue, QueueName } from '@msc/queue';
import { ReviewOutcome } from './mentor-review.entity.js';
import {
  COMPETENT_LEVEL,
  isRubricLevel,
  rankOf,
  RUBRIC_DOMAINS,
  type RubricScores,
} from './practicum.config.js';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import { RecordingsRepository, type ReviewQueueStatus } from './recordings.repository.js';
import { type RecordingSummaryView, toRecordingSummary } from './recording-views.service.js';
import { ReviewsRepository } from './reviews.repository.js';
import { escalationJob, reminderJob } from './review-assignment.service.js';
import { RecordingStatus } from './teaching-recording.entity.js';

export interface ReviewInput {
  scores: Record<string, string>;
  comments: { atSeconds: number; text: string }[];
  summary: string;
}

/** An assignment of the mentor's queue: a recording summary under the contract's names. */
export interface ReviewQueueItem extends RecordingSummaryView {
  recordingId: string;
  assignedAt: string;
}

/** `competent` when every domain reaches the competent level, else `needs_work`. */
export function outcomeOf(scores: RubricScores): ReviewOutcome {
  const threshold = rankOf(COMPETENT_LEVEL);
  return RUBRIC_DOMAINS.every((domain) => rankOf(scores[domain]) >= threshold)
    ? ReviewOutcome.Competent
    : ReviewOutcome.NeedsWork;
}

/** Mentors' rubric reviews of teaching recordings. */
@Injectable()
export class ReviewsService {
  private readonly logger = new Logger(ReviewsService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly recordings: RecordingsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly jobs: JobQueue,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  async submit(
    actor: Actor,
    recordingId: string,
    input: ReviewInput,
  ): Promise<{ id: string; outcome: ReviewOutcome }> {
    const scores = completeScores(input.scores);
    const result = await this.tx.transaction(async () => {
      const row = await this.recordings.findById(recordingId, { forUpdate: true });
      // Only its trainee, its reviewer and admins may know the recording exists.
      if (!row || !(isAdmin(actor) || row.trainee_id === actor.id || row.reviewer_id === actor.id))
        throw new PracticumError(PracticumErrorCode.RecordingNotFound, 'No such recording');
      if (row.reviewer_id !== actor.id) {
        throw new PracticumError(
          PracticumErrorCode.NotReviewer,
          'Only the mentor assigned to this recording reviews it',
        );
      }
      if (row.status !== RecordingStatus.AwaitingReview) {
        throw new PracticumError(
          PracticumErrorCode.RecordingNotAwaitingReview,
          `The recording is ${row.status}, not awaiting review`,
        );
      }
      const duration = Number(row.duration_seconds ?? 0);
      const outside = input.comments.findIndex((c) => c.atSeconds > duration);
      if (outside !== -1) {
        throw new PracticumError(
          PracticumErrorCode.CommentOutOfRange,
          `Comment ${outside + 1} is at ${input.comments[outside]!.atSeconds} s, past the ${duration} s of the recording`,
        );
      }
      const outcome = outcomeOf(scores);
      const id = await this.reviews.insert({
        recordingId,
        reviewerId: actor.id,
        scores,
        outcome,
        summary: input.summary,
        comments: input.comments,
      });
      await this.recordings.markReviewed(recordingId);
      await this.audit.record({
        actorId: actor.id,
        action: 'recording.reviewed',
        subject: `recording/${recordingId}`,
        details: { reviewId: id, outcome, scores },
      });
      await this.notifier.notify({
        userId: row.trainee_id,
        dedupeKey: `recording-reviewed-${id}`,
        kind: 'recording.reviewed',
        title: 'Your teaching recording was reviewed',
        body:
          outcome === ReviewOutcome.Competent
            ? 'Your mentor rated the recording competent or above in every domain.'
            : 'Your mentor left feedback on the domains that need more work.',
        email: true,
      });
      return { id, outcome };
    });
    // The jobs guard on the state too: removing them is tidiness, not correctness.
    for (const item of [reminderJob(recordingId, actor.id), escalationJob(recordingId, actor.id)]) {
      await this.jobs.remove(QueueName.Recordings, jobIdOf(item)).catch((error: unknown) => {
        this.logger.warn({ err: error, recordingId }, 'could not remove a review reminder job');
      });
    }
    return result;
  }

  /** The mentor's review queue: `pending` overdue first then by due date, or `done` latest first. */
  async listMine(
    actor: Actor,
    filter: { status: ReviewQueueStatus | 'completed'; limit: number; offset: number },
  ): Promise<{ items: ReviewQueueItem[]; total: number }> {
    const status = filter.status === 'completed' ? 'done' : filter.status;
    const { items, total } = await this.recordings.listReviewsOf(actor.id, { ...filter, status });
    return {
      items: items.map((row) => {
        const summary = toRecordingSummary(row);
        return { ...summary, recordingId: row.id, assignedAt: summary.assignedAt! };
      }),
      total,
    };
  }

  /** The numbers for the navigation badge of the mentor's queue. */
  countMine(actor: Actor): Promise<{ pending: number; overdue: number; done: number }> {
    return this.recordings.reviewCountsOf(actor.id);
  }
}

/** Every configured domain scored with a configured level, nothing else. */
function completeScores(scores: Record<string, string>): RubricScores {
  const missing = RUBRIC_DOMAINS.filter((domain) => !isRubricLevel(scores[domain]));
  const unknown = Object.keys(scores).filter(
    (domain) => !(RUBRIC_DOMAINS as readonly string[]).includes(domain),
  );
  if (missing.length || unknown.length) {
    throw new PracticumError(
      PracticumErrorCode.IncompleteScores,
      'Score every rubric domain with one of its levels',
      { missing, unknown },
    );
  }
  return Object.fromEntries(RUBRIC_DOMAINS.map((d) => [d, scores[d]])) as RubricScores;
}
