import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { JobQueue, QueueName } from '@msc/queue';
import { CohortStatus } from './cohort.entity.js';
import { type CohortForUpdate, CohortsRepository } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import type { CohortView } from './courses.views.js';
import { EnrollmentsService } from './enrollments.service.js';
import {
  autoCompletionJob,
  localWhen,
  reminderJobIds,
  reminderJobs,
} from './scheduling.service.js';
import { isLocalDate, isLocalTime, isTimeZone, planSessions } from './session-plan.js';

export interface CohortChanges {
  title?: string;
  capacity?: number;
  ceEligible?: boolean;
  /** The start: only before the first session has begun; the sessions are planned anew. */
  startDate?: string;
  localTime?: string;
  timeZone?: string;
}

type Schedule = Pick<CohortChanges, 'startDate' | 'localTime' | 'timeZone'>;

function assertChangeable(cohort: CohortForUpdate | null): asserts cohort is CohortForUpdate {
  if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
  if (cohort.status === CohortStatus.Completed)
    throw new CoursesError(CoursesErrorCode.CohortCompleted, 'The cohort is completed');
  if (cohort.status === CohortStatus.Cancelled)
    throw new CoursesError(CoursesErrorCode.CohortCancelled, 'The cohort is cancelled');
}

/**
 * An admin edits a cohort (title, capacity, CE eligibility, and its start while no session has
 * begun) or cancels it. Both lock the cohort row first, as enrollments and completion do.
 */
@Injectable()
export class CohortChangesService {
  private readonly logger = new Logger(CohortChangesService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly cohorts: CohortsRepository,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly enrollments: EnrollmentsService,
  ) {}

  /**
   * Changes what is given. A capacity below the seats already taken is refused; a larger one
   * fills the new seats from the waitlist (as a withdrawal does). A new start moves every session
   * to its new time, re-plans their reminders and the cohort's completion, and tells the enrolled.
   */
  async update(actor: Actor, cohortId: string, input: CohortChanges): Promise<CohortView> {
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
      throw new CoursesError(
        CoursesErrorCode.InvalidSchedule,
        `"${input.timeZone}" is not an IANA time zone`,
      );
    }
    if (
      (input.startDate !== undefined && !isLocalDate(input.startDate)) ||
      (input.localTime !== undefined && !isLocalTime(input.localTime))
    ) {
      throw new CoursesError(
        CoursesErrorCode.InvalidSchedule,
        'startDate must be a real date YYYY-MM-DD and localTime HH:mm',
      );
    }
    const obsoleteJobIds = await this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      assertChangeable(cohort);
      const changes: CohortChanges = {};
      const from: Record<string, unknown> = {};
      const note = <K extends keyof CohortChanges>(key: K, before: CohortChanges[K]) => {
        const value = key === 'title' ? input.title?.trim() : input[key];
        if (value === undefined || value === before) return;
        (changes as Record<string, unknown>)[key] = value;
        from[key] = before;
      };
      note('title', cohort.title);
      note('capacity', cohort.capacity);
      note('ceEligible', cohort.ce_eligible);
      note('startDate', cohort.start_date);
      note('localTime', cohort.local_time);
      note('timeZone', cohort.time_zone);
      const schedule: Schedule = {
        startDate: changes.startDate,
        localTime: changes.localTime,
        timeZone: changes.timeZone,
      };
      const rescheduled = Object.values(schedule).some((v) => v !== undefined);
      if (rescheduled && cohort.first_starts_at && cohort.first_starts_at.getTime() <= Date.now()) {
        throw new CoursesError(
          CoursesErrorCode.CohortStarted,
          `The start date, local time and time zone can change only before the first session has begun (${cohort.first_starts_at.toISOString()}); move single sessions instead`,
          { firstSessionStartsAt: cohort.first_starts_at.toISOString() },
        );
      }
      // The seats counter, not a count of rows: an enrollment claims its seat at its very end, and
      // one that has not yet is held back by this lock and then finds the new capacity.
      if (changes.capacity !== undefined && changes.capacity < cohort.seats_taken) {
        throw new CoursesError(
          CoursesErrorCode.CapacityBelowEnrolled,
          `The capacity cannot be below the ${cohort.seats_taken} people already enrolled; withdraw someone first`,
          { enrolledCount: cohort.seats_taken },
        );
      }
      if (Object.keys(changes).length === 0) return [];
      await this.cohorts.update(cohortId, changes);
      const obsolete: string[] = [];
      // A cohort still in `scheduling` has no sessions yet: its job plans from the new start.
      if (rescheduled && cohort.status === CohortStatus.Open) {
        obsolete.push(...(await this.replan(cohort, schedule)));
      }
      if (changes.capacity !== undefined && changes.capacity > cohort.capacity) {
        // The new seats go to the waitlist before this lock is let go, as a withdrawal's seat does;
        // the cohort as now changed (read again under the lock held), so that the notice names its
        // new title and first session.
        await this.enrollments.fillFreeSeats((await this.cohorts.lock(cohortId))!);
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.updated',
        subject: `cohort/${cohortId}`,
        details: { changes, from },
      });
      return obsolete;
    });
    await this.removeJobs(obsoleteJobIds);
    return (await this.cohorts.view(cohortId))!;
  }

  /** Moves every session to the new start; returns the job ids planned for the old times. */
  private async replan(cohort: CohortForUpdate, schedule: Schedule): Promise<string[]> {
    const startDate = schedule.startDate ?? cohort.start_date;
    const localTime = schedule.localTime ?? cohort.local_time;
    const timeZone = schedule.timeZone ?? cohort.time_zone;
    const before = await this.cohorts.sessions(cohort.id);
    const planned = planSessions({
      startDate,
      localTime,
      timeZone,
      sessionCount: cohort.session_count,
      sessionMinutes: cohort.session_minutes,
      cadence: cohort.cadence,
    });
    await this.cohorts.replanSessions(cohort.id, planned);
    const after = await this.cohorts.sessions(cohort.id);
    const now = Date.now();
    const grace = this.config.COMPLETION_GRACE_DAYS;
    const obsolete = before.flatMap((s) => reminderJobIds(s));
    for (const session of after) {
      for (const job of reminderJobs(session, now))
        await this.outbox.add(job.item, { delayMs: job.delayMs });
    }
    const oldLast = before[before.length - 1];
    const newLast = after[after.length - 1];
    if (oldLast) obsolete.push(autoCompletionJob(cohort.id, oldLast.ends_at, grace).jobId);
    if (
      newLast &&
      newLast.ends_at.getTime() > now &&
      !cohort.reopened_at &&
      cohort.created_at < newLast.ends_at
    ) {
      const job = autoCompletionJob(cohort.id, newLast.ends_at, grace);
      await this.outbox.add(job.item, { delayMs: job.dueAt.getTime() - now });
    }
    const first = after[0];
    if (first) {
      const trainees = await this.cohorts.enrolledTrainees(cohort.id);
      await this.notifier.notifyMany(
        trainees.map((t) => ({
          userId: t.user_id,
          dedupeKey: `cohort-rescheduled.${cohort.id}.${first.sequence}.${first.starts_at.getTime()}.${t.user_id}`,
          kind: 'session_moved',
          title: `${cohort.course_title} (${cohort.title}) has a new schedule`,
          body: `Every session of ${cohort.title} has moved: they meet at ${localTime} (${timeZone}), the first ${localWhen(first.starts_at, t.time_zone)}.`,
          email: true,
        })),
      );
    }
    return obsolete;
  }

  /**
   * Cancels a cohort that is not completed: the enrolled and the waitlisted are told (in the inbox
   * and by e-mail), its reminders and its completion are dropped, and it is never completed or
   * credited. The enrollments stay as they were, the record of who was told.
   */
  async cancel(actor: Actor, cohortId: string, reason: string): Promise<CohortView> {
    const why = reason.trim();
    const obsoleteJobIds = await this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      assertChangeable(cohort);
      await this.cohorts.markCancelled(cohortId, why);
      const sessions = await this.cohorts.sessions(cohortId);
      const obsolete = sessions.flatMap((s) => reminderJobIds(s));
      const last = sessions[sessions.length - 1];
      if (last) {
        obsolete.push(
          autoCompletionJob(cohortId, last.ends_at, this.config.COMPLETION_GRACE_DAYS).jobId,
        );
      }
      const people = await this.cohorts.participants(cohortId);
      await this.notifier.notifyMany(
        people.map((p) => ({
          userId: p.user_id,
          dedupeKey: `cohort-cancelled.${cohortId}.${p.user_id}`,
          kind: 'cohort_cancelled',
          title: `${cohort.course_title} (${cohort.title}) is cancelled`,
          body:
            `${cohort.title} will not take place` +
            (p.status === 'waitlisted'
              ? ': you were on its waitlist and need do nothing.'
              : ': your seat is released and none of its sessions will be held.') +
            ` Reason: ${why}`,
          link: { path: '/cohorts', label: 'See the open cohorts' },
          email: true,
        })),
      );
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.cancelled',
        subject: `cohort/${cohortId}`,
        details: {
          reason: why,
          previousStatus: cohort.status,
          enrolledTold: people.filter((p) => p.status === 'enrolled').length,
          waitlistedTold: people.filter((p) => p.status === 'waitlisted').length,
        },
      });
      return obsolete;
    });
    await this.removeJobs(obsoleteJobIds);
    return (await this.cohorts.view(cohortId))!;
  }

  /** After the commit; a job that escapes removal finds the cohort changed and does nothing. */
  private async removeJobs(jobIds: string[]): Promise<void> {
    for (const jobId of jobIds) {
      await this.jobs
        .remove(QueueName.Scheduling, jobId)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, jobId }, 'could not remove an obsolete job'),
        );
    }
  }
}
