import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppConfig } from '@msc/config';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import {
  JobName,
  JobQueue,
  jobIdOf,
  type JobItem,
  QueueName,
  type ReminderOffset,
  type SendSessionReminderPayload,
} from '@msc/queue';
import { CohortStatus } from './cohort.entity.js';
import { CohortsRepository, type SessionRow } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import type { SessionView } from './courses.views.js';
import { planSessions } from './session-plan.js';

export const REMINDER_OFFSETS: Record<ReminderOffset, number> = {
  '24h': 24 * 3600_000,
  '1h': 3600_000,
};

/** The reminder jobs of a session that are still ahead of `now` (none for a past session). */
export function reminderJobs(
  session: Pick<SessionRow, 'id' | 'starts_at'>,
  now: number,
): { item: JobItem; delayMs: number }[] {
  const startsAt = new Date(session.starts_at);
  return (Object.keys(REMINDER_OFFSETS) as ReminderOffset[])
    .map((offset) => {
      const item: JobItem = {
        name: JobName.SendSessionReminder,
        data: { sessionId: session.id, offset, startsAt: startsAt.toISOString() },
      };
      return { item, delayMs: startsAt.getTime() - REMINDER_OFFSETS[offset] - now };
    })
    .filter((job) => job.delayMs > 0);
}

/** Every reminder job id a session ever had at its current start time. */
export function reminderJobIds(session: Pick<SessionRow, 'id' | 'starts_at'>): string[] {
  return (Object.keys(REMINDER_OFFSETS) as ReminderOffset[]).map((offset) =>
    jobIdOf({
      name: JobName.SendSessionReminder,
      data: { sessionId: session.id, offset, startsAt: new Date(session.starts_at).toISOString() },
    }),
  );
}

/** The cohort's completion by itself, `graceDays` after its last session ends. */
export function autoCompletionJob(cohortId: string, lastEndsAt: Date, graceDays: number) {
  const dueAt = new Date(lastEndsAt.getTime() + graceDays * 86_400_000);
  const item: JobItem = {
    name: JobName.CompleteCohort,
    data: { cohortId, requestedBy: null, dueAt: dueAt.toISOString() },
  };
  return { item, jobId: jobIdOf(item), dueAt };
}

export const toSessionView = (s: SessionRow): SessionView => ({
  id: s.id,
  number: s.number,
  startsAt: s.starts_at.toISOString(),
  endsAt: s.ends_at.toISOString(),
});

/**
 * Sessions of cohorts and what hangs off their times: reminders 24 h and 1 h before, and the
 * cohort's completion after the last one. Reminder job ids carry the start time they were planned
 * for, so that a moved session's new reminders never collide with its old ones in BullMQ, and a
 * stale one that escaped removal sees the new time and does nothing.
 */
@Injectable()
export class SchedulingService {
  private readonly logger = new Logger(SchedulingService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly cohorts: CohortsRepository,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
  ) {}

  /** Idempotent: sessions are unique per (cohort, number) and the cohort leaves `scheduling` once. */
  async generateSessions(cohortId: string): Promise<{
    cohortId: string;
    outcome: 'generated' | 'already_scheduled' | 'no_cohort';
    sessions: number;
  }> {
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort) return { cohortId, outcome: 'no_cohort' as const, sessions: 0 };
      if (cohort.status !== CohortStatus.Scheduling)
        return { cohortId, outcome: 'already_scheduled' as const, sessions: 0 };
      const planned = planSessions({
        startDate: cohort.start_date,
        localTime: cohort.local_time,
        timeZone: cohort.time_zone,
        sessionCount: cohort.session_count,
        sessionMinutes: cohort.session_minutes,
        cadence: cohort.cadence,
      });
      await this.cohorts.insertSessions(cohortId, planned);
      const sessions = await this.cohorts.sessions(cohortId);
      await this.cohorts.markOpen(cohortId);
      const now = Date.now();
      for (const session of sessions) {
        for (const job of reminderJobs(session, now))
          await this.outbox.add(job.item, { delayMs: job.delayMs });
      }
      // Completes by itself once the grace after the last session is over, attendance open till
      // then; the record of an earlier cohort (its last session already over) waits for an admin.
      const last = sessions[sessions.length - 1];
      if (last && last.ends_at.getTime() > now) {
        const job = autoCompletionJob(cohortId, last.ends_at, this.config.COMPLETION_GRACE_DAYS);
        await this.outbox.add(job.item, { delayMs: job.dueAt.getTime() - now });
      }
      await this.audit.record({
        actorId: null,
        action: 'cohort.sessions_generated',
        subject: `cohort/${cohortId}`,
        details: { sessions: sessions.length },
      });
      return { cohortId, outcome: 'generated' as const, sessions: sessions.length };
    });
  }

  /**
   * Moves one session (keeping its length and its place between its neighbours), re-schedules its
   * reminders, and the cohort's completion when it is the last session; enrolled trainees are told.
   */
  async moveSession(
    actor: Actor,
    cohortId: string,
    sessionId: string,
    startsAt: Date,
  ): Promise<SessionView> {
    const { moved, obsoleteJobIds } = await this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
      if (cohort.status === CohortStatus.Completed)
        throw new CoursesError(CoursesErrorCode.CohortCompleted, 'The cohort is completed');
      if (cohort.status === CohortStatus.Cancelled)
        throw new CoursesError(CoursesErrorCode.CohortCancelled, 'The cohort is cancelled');
      if (cohort.status === CohortStatus.Scheduling)
        throw new CoursesError(CoursesErrorCode.CohortNotReady, 'The sessions are not ready yet');
      const sessions = await this.cohorts.sessions(cohortId);
      const index = sessions.findIndex((s) => s.id === sessionId);
      const before = sessions[index];
      if (!before) throw new CoursesError(CoursesErrorCode.SessionNotFound, 'No such session');
      const endsAt = new Date(
        startsAt.getTime() + (before.ends_at.getTime() - before.starts_at.getTime()),
      );
      const previous = sessions[index - 1];
      const next = sessions[index + 1];
      if ((previous && previous.ends_at > startsAt) || (next && next.starts_at < endsAt)) {
        throw new CoursesError(
          CoursesErrorCode.SessionOrder,
          'A session cannot overlap or pass its neighbouring sessions',
        );
      }
      const moved = await this.cohorts.moveSession(sessionId, startsAt, endsAt);
      const now = Date.now();
      for (const job of reminderJobs(moved, now))
        await this.outbox.add(job.item, { delayMs: job.delayMs });
      const obsoleteJobIds = reminderJobIds(before);
      if (!next) {
        const grace = this.config.COMPLETION_GRACE_DAYS;
        obsoleteJobIds.push(autoCompletionJob(cohortId, before.ends_at, grace).jobId);
        if (endsAt.getTime() > now && !cohort.reopened_at && cohort.created_at < endsAt) {
          const job = autoCompletionJob(cohortId, endsAt, grace);
          await this.outbox.add(job.item, { delayMs: job.dueAt.getTime() - now });
        }
      }
      if (endsAt.getTime() > now) {
        const trainees = await this.cohorts.enrolledTrainees(cohortId);
        await this.notifier.notifyMany(
          trainees.map((t) => ({
            userId: t.user_id,
            dedupeKey: `session-moved.${sessionId}.${moved.sequence}.${t.user_id}`,
            kind: 'session_moved',
            title: `Session ${moved.number} of ${cohort.title} has moved`,
            body: `Session ${moved.number} of ${cohort.course_title} (${cohort.title}) now starts ${localWhen(startsAt, t.time_zone)}.`,
          })),
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.session_moved',
        subject: `cohort/${cohortId}`,
        details: {
          sessionId,
          from: before.starts_at.toISOString(),
          to: startsAt.toISOString(),
        },
      });
      return { moved, obsoleteJobIds };
    });
    // After the commit; a job that escapes removal is stale and does nothing when it runs.
    for (const jobId of obsoleteJobIds) {
      await this.jobs
        .remove(QueueName.Scheduling, jobId)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, jobId }, 'could not remove an obsolete job'),
        );
    }
    return toSessionView(moved);
  }

  /** Notifies each enrolled trainee once per session, offset and start time. */
  async sendReminder(
    payload: SendSessionReminderPayload,
  ): Promise<{ outcome: 'sent' | 'stale' | 'past' | 'no_session'; notified: number }> {
    return this.tx.transaction(async () => {
      const session = await this.cohorts.findSessionById(payload.sessionId);
      if (!session) return { outcome: 'no_session' as const, notified: 0 };
      if (session.starts_at.getTime() !== Date.parse(payload.startsAt))
        return { outcome: 'stale' as const, notified: 0 };
      if (session.starts_at.getTime() <= Date.now())
        return { outcome: 'past' as const, notified: 0 };
      const cohort = await this.cohorts.lock(session.cohort_id);
      if (
        !cohort ||
        cohort.status === CohortStatus.Completed ||
        cohort.status === CohortStatus.Cancelled
      )
        return { outcome: 'stale' as const, notified: 0 };
      const trainees = await this.cohorts.enrolledTrainees(session.cohort_id);
      const soon = payload.offset === '1h' ? 'in one hour' : 'tomorrow';
      await this.notifier.notifyMany(
        trainees.map((t) => ({
          userId: t.user_id,
          dedupeKey: `session-reminder.${session.id}.${t.user_id}.${payload.offset}.${session.starts_at.getTime()}`,
          kind: 'session_reminder',
          title: `${cohort.course_title}: session ${session.number} starts ${soon}`,
          body: `Session ${session.number} of ${cohort.title} starts ${localWhen(session.starts_at, t.time_zone)}.`,
          email: true,
        })),
      );
      return { outcome: 'sent' as const, notified: trainees.length };
    });
  }
}

export function localWhen(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone })
    .setLocale('en-GB')
    .toFormat("cccc d LLLL yyyy 'at' HH:mm '('z')'");
}
