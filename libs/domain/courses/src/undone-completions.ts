import { Injectable } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { AUDIT_TRAIL } from '@msc/domain/audit';
import { type JobItem, JobName, type UndoneWorkFinder } from '@msc/queue';

const DAY_MS = 86_400_000;

/**
 * Open cohorts an admin asked to complete since they last completed or reopened, and cohorts
 * never completed whose last session ended more than COMPLETION_GRACE_DAYS ago (except the
 * records of earlier cohorts, created after their last session: those wait for an admin).
 */
@Injectable()
export class UndoneCompletions implements UndoneWorkFinder {
  readonly kind = 'completions';

  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  async find(settledBefore: Date, limit: number): Promise<JobItem[]> {
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
         SELECT a.at, a.actor_id FROM ${AUDIT_TRAIL} a
         WHERE a.subject = 'cohort/' || c.id AND a.action = 'cohort.completion_requested'
         ORDER BY a.at DESC LIMIT 1
       ) req ON true
       LEFT JOIN LATERAL (
         SELECT max(a.at) AS at FROM ${AUDIT_TRAIL} a
         WHERE a.subject = 'cohort/' || c.id
           AND (a.action = 'cohort.completed' OR a.action LIKE 'cohort.reopen%')
       ) closed ON true
       WHERE c.status = 'open'
         AND (
           (req.at IS NOT NULL AND req.at <= $1 AND (closed.at IS NULL OR req.at > closed.at))
           OR (closed.at IS NULL AND last.ends_at IS NOT NULL AND c.created_at < last.ends_at
               AND last.ends_at <= $2)
         )
       ORDER BY c.id LIMIT ${limit}`,
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
}
