import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { type JobItem, JobQueue, QUEUE_OF_JOB, type QueueName, UndoneWork } from '@msc/queue';

/** At most this many items of each kind per pass; the next pass takes the rest. */
const PASS_LIMIT = 500;

/**
 * Per kind of undone work, as its owner registered it in UndoneWork (`completions`, `ceCredits`,
 * `credentials`, `recordings`), the items found; and the jobs added for them (those whose job
 * still waited or ran were left alone).
 */
export type ReconcileOutcome = Record<string, number> & { enqueued: number };

/**
 * The database is the truth for background work: whatever a lost job (a worker killed twice mid-run,
 * a Redis that lost a key, a job that used up its attempts) left undone is found here and its job
 * enqueued again. The jobs are idempotent and their ids deterministic, so a pass that races the
 * normal flow adds nothing twice: a job that waits or runs is left alone, a finished one replaced.
 * Only work left undone for RECONCILE_AFTER_SECONDS is picked up, well after the normal flow.
 * Each context finds its own undone work (UndoneWork): this pass names none of their tables.
 */
@Injectable()
export class BackgroundWorkReconciler {
  private readonly logger = new Logger(BackgroundWorkReconciler.name);

  constructor(
    private readonly undoneWork: UndoneWork,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async reconcile(now = new Date()): Promise<ReconcileOutcome> {
    const settledBefore = new Date(now.getTime() - this.config.RECONCILE_AFTER_SECONDS * 1000);
    const finders = this.undoneWork.all();
    const found = await Promise.all(finders.map((f) => f.find(settledBefore, PASS_LIMIT)));
    const items = found.flat();
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
    const outcome: ReconcileOutcome = {
      ...Object.fromEntries(finders.map((finder, i) => [finder.kind, found[i]!.length])),
      enqueued,
    };
    // Work found undone whose job still waits or runs is left to it: only new jobs are news.
    if (enqueued > 0) this.logger.warn({ outcome }, 're-enqueued work that lost its job');
    return outcome;
  }
}
