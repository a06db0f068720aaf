import { createHash } from 'node:crypto';
import { JobName } from './queue-names.js';

export interface DeliverNotificationPayload {
  userId: string;
  /** One notification per key: a retried or re-sent job never delivers twice. */
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  /** Also send by e-mail when SMTP is configured. */
  email?: boolean;
}

/**
 * Many notifications in one job, for a change that tells many people at once (a CE chunk's
 * credits): one inbox statement for them all, then each one's e-mail.
 */
export interface DeliverNotificationsPayload {
  notifications: DeliverNotificationPayload[];
}

export interface IssueCohortCeCreditsPayload {
  cohortId: string;
}

export interface IssueCeCreditChunkPayload {
  cohortId: string;
  /** The run that fanned this chunk out (the cohort job's id): part of the chunk's job id. */
  batch: string;
  /** At most a few hundred. */
  enrollmentIds: string[];
}

export interface IssueCredentialPayload {
  designationId: string;
}

export interface GenerateCohortSessionsPayload {
  cohortId: string;
}

export type ReminderOffset = '24h' | '1h';

export interface SendSessionReminderPayload {
  sessionId: string;
  offset: ReminderOffset;
  /** The start the reminder was planned for: a session moved since makes the job stale. */
  startsAt: string;
}

export interface PromoteWaitlistPayload {
  cohortId: string;
}

export interface CompleteCohortPayload {
  cohortId: string;
  /** The admin who asked; null when scheduled after the last session (then `dueAt` says when). */
  requestedBy: string | null;
  dueAt?: string;
}

export interface RecordingJobPayload {
  recordingId: string;
}

export interface RecordingReviewDeadlinePayload {
  recordingId: string;
  /** The reviewer it was planned for: a reassigned or submitted review makes the job stale. */
  reviewerId: string;
}

export interface SweepOrphanBlobsPayload {
  /** The hourly job scheduler, or someone who asked for a sweep now. */
  trigger: 'schedule' | 'manual';
  /** When a manual sweep was asked for: part of its job id, so each request runs once. */
  requestedAt?: string;
}

export interface ReconcileBackgroundWorkPayload {
  /** The job scheduler, or someone who asked for a pass now. */
  trigger: 'schedule' | 'manual';
  /** When a manual pass was asked for: part of its job id, so each request runs once. */
  requestedAt?: string;
}

/** Ties every job name to its payload: a wrong payload is a compile error. */
export type JobItem =
  | { name: JobName.DeliverNotification; data: DeliverNotificationPayload }
  | { name: JobName.DeliverNotifications; data: DeliverNotificationsPayload }
  | { name: JobName.IssueCohortCeCredits; data: IssueCohortCeCreditsPayload }
  | { name: JobName.IssueCeCreditChunk; data: IssueCeCreditChunkPayload }
  | { name: JobName.IssueCredential; data: IssueCredentialPayload }
  | { name: JobName.GenerateCohortSessions; data: GenerateCohortSessionsPayload }
  | { name: JobName.SendSessionReminder; data: SendSessionReminderPayload }
  | { name: JobName.PromoteWaitlist; data: PromoteWaitlistPayload }
  | { name: JobName.CompleteCohort; data: CompleteCohortPayload }
  | { name: JobName.ProbeRecording; data: RecordingJobPayload }
  | { name: JobName.AssignRecordingReview; data: RecordingJobPayload }
  | { name: JobName.RecordingReviewReminder; data: RecordingReviewDeadlinePayload }
  | { name: JobName.RecordingReviewEscalation; data: RecordingReviewDeadlinePayload }
  | { name: JobName.SweepOrphanBlobs; data: SweepOrphanBlobsPayload }
  | { name: JobName.ReconcileBackgroundWork; data: ReconcileBackgroundWorkPayload };

export type JobPayloadOf<N extends JobName> = Extract<JobItem, { name: N }>['data'];

const UNSAFE = /[^A-Za-z0-9._-]/g;
const safe = (part: string) => part.replace(UNSAFE, '_');
const digest = (batch: string, ids: readonly string[]) =>
  createHash('sha256')
    .update(`${batch}\n${[...ids].sort().join(',')}`)
    .digest('base64url')
    .replace(UNSAFE, '_')
    .slice(0, 22);

/**
 * A deterministic id (no ':'), so that the same logical job is only ever queued once while it waits
 * or runs. A finished job under the same id does not block new work: `JobQueue` replaces a failed
 * one, and a completed one when the request is newer than its run (see `EnqueueOptions`).
 */
export function jobIdOf(item: JobItem): string {
  switch (item.name) {
    case JobName.DeliverNotification:
      return `notification.${safe(item.data.dedupeKey)}`;
    case JobName.DeliverNotifications:
      return `notifications.${digest(
        '',
        item.data.notifications.map((n) => n.dedupeKey),
      )}`;
    case JobName.IssueCohortCeCredits:
      return `ce-cohort.${safe(item.data.cohortId)}`;
    case JobName.IssueCeCreditChunk:
      // By content: a retried fan-out re-adds the same chunks (deduplicated by BullMQ), while a
      // later run, or one whose eligible set changed, gets chunks of its own.
      return `ce-chunk.${safe(item.data.cohortId)}.${digest(item.data.batch, item.data.enrollmentIds)}`;
    case JobName.IssueCredential:
      return `credential.${safe(item.data.designationId)}`;
    case JobName.GenerateCohortSessions:
      return `cohort-sessions.${safe(item.data.cohortId)}`;
    case JobName.SendSessionReminder:
      // The planned start is part of the id: a moved session's new reminders never meet its old ones.
      return `reminder.${safe(item.data.sessionId)}.${item.data.offset}.${Date.parse(item.data.startsAt)}`;
    case JobName.PromoteWaitlist:
      return `waitlist.${safe(item.data.cohortId)}`;
    case JobName.CompleteCohort:
      return item.data.requestedBy === null
        ? `cohort-complete.${safe(item.data.cohortId)}.${Date.parse(item.data.dueAt ?? '')}`
        : `cohort-complete.${safe(item.data.cohortId)}.admin`;
    case JobName.ProbeRecording:
      return `recording-probe.${safe(item.data.recordingId)}`;
    case JobName.AssignRecordingReview:
      return `recording-assign.${safe(item.data.recordingId)}`;
    case JobName.RecordingReviewReminder:
      return `recording-reminder.${safe(item.data.recordingId)}.${safe(item.data.reviewerId)}`;
    case JobName.RecordingReviewEscalation:
      return `recording-escalation.${safe(item.data.recordingId)}.${safe(item.data.reviewerId)}`;
    case JobName.SweepOrphanBlobs:
      return `blob-sweep.${item.data.trigger}.${Date.parse(item.data.requestedAt ?? '') || 0}`;
    case JobName.ReconcileBackgroundWork:
      return `reconcile.${item.data.trigger}.${Date.parse(item.data.requestedAt ?? '') || 0}`;
  }
}
