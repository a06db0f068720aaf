import { Injectable } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { type CompleteCohortPayload, JobName, type JobItem } from '@msc/queue';
import { CohortStatus } from './cohort.entity.js';
import { type CohortForUpdate, CohortsRepository } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

export type CompletionOutcome =
  'completed' | 'already_completed' | 'not_due' | 'awaiting_admin' | 'not_open';

const DAY_MS = 86_400_000;

/**
 * When a cohort completes by itself: COMPLETION_GRACE_DAYS after its last session ends, so that
 * late attendance can still be recorded. Null when it waits for an admin: a cohort recorded after
 * its last session (the record of an earlier cohort), or one an admin reopened.
 */
export function automaticCompletionDue(
  cohort: Pick<CohortForUpdate, 'last_ends_at' | 'created_at' | 'reopened_at'>,
  graceDays: number,
): Date | null {
  if (!cohort.last_ends_at || cohort.reopened_at) return null;
  if (cohort.created_at.getTime() >= cohort.last_ends_at.getTime()) return null;
  return new Date(cohort.last_ends_at.getTime() + graceDays * DAY_MS);
}

/**
 * Completes a cohort: marks the enrollments whose attendance meets the course's minimum (and takes
 * it back from those whose corrected attendance no longer does), closes the cohort and starts CE
 * issuance, all in one transaction under the cohort's lock. The status guard makes it happen once
 * per opening, however many times it is requested; a reopened cohort completes anew.
 */
@Injectable()
export class CompletionService {
  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
  ) {}

  /** An admin asks for completion now; the scheduling queue does the work. */
  async requestCompletion(
    actor: Actor,
    cohortId: string,
  ): Promise<{ cohortId: string; status: CohortStatus }> {
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
      if (cohort.status === CohortStatus.Scheduling)
        throw new CoursesError(CoursesErrorCode.CohortNotReady, 'The sessions are not ready yet');
      if (cohort.status === CohortStatus.Cancelled)
        throw new CoursesError(
          CoursesErrorCode.CohortCancelled,
          'A cancelled cohort cannot be completed',
        );
      if (cohort.status === CohortStatus.Open) {
        if (!cohort.first_starts_at || cohort.first_starts_at.getTime() > Date.now()) {
          throw new CoursesError(
            CoursesErrorCode.CohortNotStarted,
            `The cohort cannot be completed before its first session has begun${cohort.first_starts_at ? ` (${cohort.first_starts_at.toISOString()})` : ''}`,
            { firstSessionStartsAt: cohort.first_starts_at?.toISOString() ?? null },
          );
        }
        const job: JobItem = {
          name: JobName.CompleteCohort,
          data: { cohortId, requestedBy: actor.id },
        };
        // No job id of our own: the outbox row's id is the job's, so each request is a run of its
        // own and never meets a failed job an earlier request left behind in BullMQ.
        await this.outbox.add(job, { runOfItsOwn: true });
        await this.audit.record({
          actorId: actor.id,
          action: 'cohort.completion_requested',
          subject: `cohort/${cohortId}`,
        });
      }
      return { cohortId, status: cohort.status };
    });
  }

  async complete(
    payload: CompleteCohortPayload,
  ): Promise<{ cohortId: string; outcome: CompletionOutcome; completions: number }> {
    const { cohortId } = payload;
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (
        !cohort ||
        cohort.status === CohortStatus.Scheduling ||
        cohort.status === CohortStatus.Cancelled
      )
        return { cohortId, outcome: 'not_open' as const, completions: 0 };
      if (cohort.status === CohortStatus.Completed)
        return { cohortId, outcome: 'already_completed' as const, completions: 0 };
      const now = new Date();
      if (payload.requestedBy === null) {
        // By itself only once the grace period after the last session is over (a job planned
        // for a session since moved comes early), and never for a cohort waiting for an admin.
        const due = automaticCompletionDue(cohort, this.config.COMPLETION_GRACE_DAYS);
        if (!due) return { cohortId, outcome: 'awaiting_admin' as const, completions: 0 };
        if (due > now) return { cohortId, outcome: 'not_due' as const, completions: 0 };
      }
      const completedAt =
        cohort.last_ends_at && cohort.last_ends_at < now ? cohort.last_ends_at : now;
      const withdrawn = await this.enrollments.clearCompletions(
        cohortId,
        cohort.completion_min_sessions,
      );
      const completed = await this.enrollments.markCompletions(
        cohortId,
        cohort.completion_min_sessions,
        completedAt,
      );
      await this.cohorts.markCompleted(cohortId);
      if (cohort.ce_eligible) {
        // A run of its own each time (the outbox id): a completion after a reopening issues to
        // the newly eligible; the credits already issued stay as they are.
        await this.outbox.add(
          { name: JobName.IssueCohortCeCredits, data: { cohortId } },
          { runOfItsOwn: true },
        );
      }
      await this.notifier.notifyMany(
        completed.map((row) => ({
          userId: row.user_id,
          dedupeKey: `course-completed.${row.id}`,
          kind: 'course_completed',
          title: `You completed ${cohort.course_title}`,
          body: `Congratulations: your attendance in ${cohort.title} completes the course.`,
          email: true,
        })),
      );
      await this.audit.record({
        actorId: payload.requestedBy,
        action: 'cohort.completed',
        subject: `cohort/${cohortId}`,
        details: {
          completions: completed.length,
          completionsWithdrawn: withdrawn.length,
          completedAt: completedAt.toISOString(),
          reopened: cohort.reopened_at !== null,
        },
      });
      return { cohortId, outcome: 'completed' as const, completions: completed.length };
    });
  }

  /**
   * An admin reopens a completed cohort so that its attendance can be corrected; completing it
   * again recomputes the completions. It does not complete by itself any more.
   */
  async reopen(
    actor: Actor,
    cohortId: string,
  ): Promise<{ cohortId: string; status: CohortStatus }> {
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
      if (cohort.status !== CohortStatus.Completed) {
        throw new CoursesError(
          CoursesErrorCode.CohortNotCompleted,
          `Only a completed cohort can be reopened; this one is ${cohort.status}`,
        );
      }
      await this.cohorts.markReopened(cohortId);
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.reopened',
        subject: `cohort/${cohortId}`,
      });
      return { cohortId, status: CohortStatus.Open };
    });
  }
}
