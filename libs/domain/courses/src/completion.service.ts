import { Injectable } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/domain/kernel';
import { Notifier } from '@msc/domain/notifications';
import { type CompleteCohortPayload, JobName, jobIdOf, type JobItem } from '@msc/queue';
import { CohortStatus } from './cohort.entity.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

export type CompletionOutcome = 'completed' | 'already_completed' | 'not_due' | 'not_open';

/**
 * Completes a cohort: marks the enrollments whose attendance meets the course's minimum, closes the
 * cohort and starts CE issuance, all in one transaction under the cohort's lock. The status guard
 * makes it happen once, however many times it is requested.
 */
@Injectable()
export class CompletionService {
  constructor(
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
      if (cohort.status === CohortStatus.Open) {
        const job: JobItem = {
          name: JobName.CompleteCohort,
          data: { cohortId, requestedBy: actor.id },
        };
        await this.outbox.add(job, { jobId: jobIdOf(job) });
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
      if (!cohort || cohort.status === CohortStatus.Scheduling)
        return { cohortId, outcome: 'not_open' as const, completions: 0 };
      if (cohort.status === CohortStatus.Completed)
        return { cohortId, outcome: 'already_completed' as const, completions: 0 };
      const now = new Date();
      // The schedule's job waits for the last session; a moved session leaves the old one early.
      if (payload.requestedBy === null && (!cohort.last_ends_at || cohort.last_ends_at > now))
        return { cohortId, outcome: 'not_due' as const, completions: 0 };
      const completedAt =
        cohort.last_ends_at && cohort.last_ends_at < now ? cohort.last_ends_at : now;
      const completed = await this.enrollments.markCompletions(
        cohortId,
        cohort.completion_min_sessions,
        completedAt,
      );
      await this.cohorts.markCompleted(cohortId);
      if (cohort.ce_eligible) {
        const job: JobItem = { name: JobName.IssueCohortCeCredits, data: { cohortId } };
        await this.outbox.add(job, { jobId: jobIdOf(job) });
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
        details: { completions: completed.length, completedAt: completedAt.toISOString() },
      });
      return { cohortId, outcome: 'completed' as const, completions: completed.length };
    });
  }
}
