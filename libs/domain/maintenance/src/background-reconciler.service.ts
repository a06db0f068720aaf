import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { type JobItem, JobName, JobQueue, QUEUE_OF_JOB, type QueueName } from '@msc/queue';

/** At most this many items of each kind per pass; the next pass takes the rest. */
const PASS_LIMIT = 500;

const DAY_MS = 86_400_000;

export interface ReconcileOutcome {
  /** Cohorts due for completion (past their grace period, or asked for by an admin) still open. */
  completions: number;
  /** Completed cohorts with eligible enrollments that hold no CE credit. */
  ceCredits: number;
  /** Approved designations without a credential. */
  credentials: number;
  /** Recordings still processing, and accepted ones nobody was assigned to review. */
  recordings: number;
  /** Jobs added for them: those whose job still waited or ran were left alone. */
  enqueued: number;
}

/**
 * The database is the truth for background work: whatever a lost job (a worker killed twice mid-run,
 * a Redis that lost a key, a job that used up its attempts) left undone is found here and its job
 * enqueued again. The jobs are idempotent and their ids deterministic, so a pass that races the
 * normal flow adds nothing twice: a job that waits or runs is left alone, a finished one replaced.
 * Only work left undone for RECONCILE_AFTER_SECONDS is picked up, well after the normal flow.
 */
@Injectable()
export class BackgroundWorkReconciler {
  private readonly logger = new Logger(BackgroundWorkReconciler.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async reconcile(now = new Date()): Promise<ReconcileOutcome> {
    const settledBefore = new Date(now.getTime() - this.config.RECONCILE_AFTER_SECONDS * 1000);
    const [completions, ceCredits, credentials, recordings] = await Promise.all([
      this.dueCompletions(settledBefore),
      this.uncreditedCohorts(settledBefore),
      this.designationsWithoutCredential(settledBefore),
      this.stuckRecordings(settledBefore),
    ]);
    const items = [...completions, ...ceCredits, ...credentials, ...recordings];
    const byQueue = new Map<QueueName, JobItem[]>();
    for (const item of items) {
      const queue = QUEUE_OF_JOB[item.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), item]);
    }
    let enqueued = 0;
    for (const [queue, group] of byQueue) {
      enqueued += await this.jobs.enqueueBulk(
        queue,
        group.map((item) => ({ item, options: { rerunCompletedBefore: now } })),
      );
    }
    const outcome = {
      completions: completions.length,
      ceCredits: ceCredits.length,
      credentials: credentials.length,
      recordings: recordings.length,
      enqueued,
    };
    // Work found undone whose job still waits or runs is left to it: only new jobs are news.
    if (enqueued > 0) this.logger.warn({ outcome }, 're-enqueued work that lost its job');
    return outcome;
  }

  /**
   * Open cohorts an admin asked to complete since they last completed or reopened, and cohorts
   * never completed whose last session ended more than COMPLETION_GRACE_DAYS ago (except the
   * records of earlier cohorts, created after their last session: those wait for an admin).
   */
  private async dueCompletions(settledBefore: Date): Promise<JobItem[]> {
    const graceMs = this.config.COMPLETION_GRACE_DAYS * DAY_MS;
    const rows = await this.tx.query<{
      id: string;
      last_ends_at: Date | null;
      requested_at: Date | null;
      requested_by: string | null;
      closed_at: Date | null;
    }>(
      `SELECT c.id, last.ends_at AS last_ends_at, req.at AS requested_at,
              req.actor_id AS requested_by, closed.at AS closed_at
       FROM cohorts c
       CROSS JOIN LATERAL (
         SELECT max(s.ends_at) AS ends_at FROM cohort_sessions s WHERE s.cohort_id = c.id
       ) last
       LEFT JOIN LATERAL (
         SELECT a.at, a.actor_id FROM audit_events a
         WHERE a.subject = 'cohort/' || c.id AND a.action = 'cohort.completion_requested'
         ORDER BY a.at DESC LIMIT 1
       ) req ON true
       LEFT JOIN LATERAL (
         SELECT max(a.at) AS at FROM audit_events a
         WHERE a.subject = 'cohort/' || c.id
           AND (a.action = 'cohort.completed' OR a.action LIKE 'cohort.reopen%')
       ) closed ON true
       WHERE c.status = 'open'
         AND (
           (req.at IS NOT NULL AND req.at <= $1 AND (closed.at IS NULL OR req.at > closed.at))
           OR (closed.at IS NULL AND last.ends_at IS NOT NULL AND c.created_at < last.ends_at
               AND last.ends_at <= $2)
         )
       ORDER BY c.id LIMIT ${PASS_LIMIT}`,
      [settledBefore, new Date(settledBefore.getTime() - graceMs)],
    );
    return rows.map((row): JobItem => {
      const asked =
        row.requested_at !== null && (row.closed_at === null || row.requested_at > row.closed_at);
      return asked && row.requested_by !== null
        ? {
            name: JobName.CompleteCohort,
            data: { cohortId: row.id, requestedBy: row.requested_by },
          }
        : {
            name: JobName.CompleteCohort,
            data: {
              cohortId: row.id,
              requestedBy: null,
              dueAt: new Date(row.last_ends_at!.getTime() + graceMs).toISOString(),
            },
          };
    });
  }

  /** Completed CE-eligible cohorts with an eligible enrollment (attended, requested CE) uncredited. */
  private async uncreditedCohorts(settledBefore: Date): Promise<JobItem[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT c.id FROM cohorts c JOIN courses co ON co.id = c.course_id
       WHERE c.status = 'completed' AND c.ce_eligible AND co.ce_hours > 0 AND c.completed_at <= $1
         AND EXISTS (
           SELECT 1 FROM enrollments e
           WHERE e.cohort_id = c.id AND e.status = 'enrolled' AND e.request_ce
             AND e.completed_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM ce_credits cc WHERE cc.enrollment_id = e.id)
             AND EXISTS (
               SELECT 1 FROM attendance_records a
               WHERE a.cohort_id = e.cohort_id AND a.user_id = e.user_id AND a.status = 'present'
             )
         )
       ORDER BY c.id LIMIT ${PASS_LIMIT}`,
      [settledBefore],
    );
    return rows.map((row) => ({ name: JobName.IssueCohortCeCredits, data: { cohortId: row.id } }));
  }

  private async designationsWithoutCredential(settledBefore: Date): Promise<JobItem[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT d.id FROM designations d
       WHERE d.revoked_at IS NULL AND d.granted_at <= $1
         AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.designation_id = d.id)
       ORDER BY d.id LIMIT ${PASS_LIMIT}`,
      [settledBefore],
    );
    return rows.map((row) => ({ name: JobName.IssueCredential, data: { designationId: row.id } }));
  }

  /**
   * Recordings still processing (their probe was lost), and accepted recordings without a reviewer
   * for which no "no reviewer" outcome was recorded (their assignment was lost).
   */
  private async stuckRecordings(settledBefore: Date): Promise<JobItem[]> {
    const rows = await this.tx.query<{ id: string; status: string }>(
      `SELECT r.id, r.status FROM teaching_recordings r
       WHERE r.updated_at <= $1
         AND (r.status = 'processing'
              OR (r.status = 'awaiting_review' AND r.reviewer_id IS NULL
                  AND NOT EXISTS (
                    SELECT 1 FROM audit_events a
                    WHERE a.subject = 'recording/' || r.id AND a.action = 'recording.no_reviewer'
                  )))
       ORDER BY r.id LIMIT ${PASS_LIMIT}`,
      [settledBefore],
    );
    return rows.map((row): JobItem =>
      row.status === 'processing'
        ? { name: JobName.ProbeRecording, data: { recordingId: row.id } }
        : { name: JobName.AssignRecordingReview, data: { recordingId: row.id } },
    );
  }
}
