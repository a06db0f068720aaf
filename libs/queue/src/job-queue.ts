import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { jobIdOf, type JobItem } from './job-items.js';
import { DEFAULT_JOB_OPTIONS } from './job-options.js';
import { QUEUE_OF_JOB, QueueName } from './queue-names.js';

export interface EnqueueOptions {
  /** Overrides the deterministic id (the outbox passes its row id). */
  jobId?: string;
  delayMs?: number;
  /**
   * A job under the same id that completed before this instant is run again: the request is newer
   * than its run (an admin completing a reopened cohort, the reconciler finding work undone).
   * A job under the same id that failed is always run again (it is kept only for inspection);
   * one that waits or runs is left alone, so the request is not queued twice.
   */
  rerunCompletedBefore?: Date;
}

function jobOptionsOf(item: JobItem, options: EnqueueOptions): JobsOptions {
  return {
    ...DEFAULT_JOB_OPTIONS,
    jobId: options.jobId ?? jobIdOf(item),
    delay: options.delayMs && options.delayMs > 0 ? Math.round(options.delayMs) : undefined,
  };
}

/** A queue's counts, as the admins' view of the jobs shows them. */
export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** A job that used up its attempts. */
export interface FailedJobView {
  queue: QueueName;
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  /** When it was added, first processed and when it failed (ms since the epoch). */
  timestamp: number;
  processedOn: number | null;
  finishedOn: number | null;
}

export type RetryOutcome = 'retried' | 'not_found' | 'not_failed';

/** The one way into BullMQ, besides the outbox (which calls this from its relay). */
@Injectable()
export class JobQueue {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(item: JobItem, options: EnqueueOptions = {}): Promise<Job> {
    const queue = QUEUE_OF_JOB[item.name];
    const opts = jobOptionsOf(item, options);
    await this.clearFinished(queue, [{ jobId: opts.jobId!, before: options.rerunCompletedBefore }]);
    return this.queue(queue).add(item.name, item.data, opts);
  }

  /**
   * Adds jobs of one queue in a single round trip to Redis; resolves with how many were new (the
   * others wait or run already under their id).
   */
  async enqueueBulk(
    queue: QueueName,
    entries: { item: JobItem; options?: EnqueueOptions }[],
  ): Promise<number> {
    if (entries.length === 0) return 0;
    const jobs = entries.map(({ item, options }) => {
      if (QUEUE_OF_JOB[item.name] !== queue)
        throw new Error(`${item.name} does not run on ${queue}`);
      return { name: item.name, data: item.data, opts: jobOptionsOf(item, options ?? {}) };
    });
    const fresh = await this.clearFinished(
      queue,
      jobs.map((job, i) => ({
        jobId: job.opts.jobId!,
        before: entries[i]!.options?.rerunCompletedBefore,
      })),
    );
    await this.queue(queue).addBulk(jobs);
    return fresh;
  }

  /**
   * Removes the finished jobs that would keep these ids from being added (BullMQ ignores a job
   * whose id exists): failed ones always, completed ones when they finished before `before`.
   * Resolves with how many of the ids will be added anew.
   */
  private async clearFinished(
    name: QueueName,
    entries: { jobId: string; before?: Date }[],
  ): Promise<number> {
    const queue = this.queue(name);
    const states = await Promise.all(entries.map((entry) => queue.getJobState(entry.jobId)));
    const fresh = await Promise.all(
      entries.map(async (entry, i) => {
        const state = states[i];
        if (state === 'unknown') return true;
        if (state === 'completed') {
          if (!entry.before) return false;
          const job = await queue.getJob(entry.jobId);
          if (!job?.finishedOn || job.finishedOn >= entry.before.getTime()) return false;
        } else if (state !== 'failed') {
          return false;
        }
        return (await queue.remove(entry.jobId)) === 1;
      }),
    );
    return fresh.filter(Boolean).length;
  }

  /** Removes a waiting or delayed job; true when there was one to remove. */
  async remove(queue: QueueName, jobId: string): Promise<boolean> {
    const job = await this.queue(queue).getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active') return false;
    await job.remove();
    return true;
  }

  /** Every queue's counts of waiting, running, delayed, failed and kept completed jobs. */
  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      Object.values(QueueName).map(async (queue) => {
        const counts = await this.queue(queue).getJobCounts(
          'waiting',
          'prioritized',
          'waiting-children',
          'active',
          'delayed',
          'failed',
          'completed',
        );
        return {
          queue,
          waiting:
            (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        };
      }),
    );
  }

  /**
   * One page of the failed jobs, newest first within a queue, queue after queue in the order of
   * `QueueName` (or of the one queue asked for); `total` counts them all.
   */
  async failedJobs(
    page: { limit: number; offset: number },
    only?: QueueName,
  ): Promise<{ items: FailedJobView[]; total: number }> {
    const queues = only ? [only] : Object.values(QueueName);
    const counts = await Promise.all(queues.map((q) => this.queue(q).getFailedCount()));
    const total = counts.reduce((a, b) => a + b, 0);
    const items: FailedJobView[] = [];
    let skip = page.offset;
    for (const [i, queue] of queues.entries()) {
      const count = counts[i]!;
      if (items.length >= page.limit) break;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      const want = page.limit - items.length;
      const jobs = await this.queue(queue).getJobs(['failed'], skip, skip + want - 1, false);
      skip = 0;
      for (const job of jobs) {
        if (!job?.id) continue;
        items.push({
          queue,
          id: job.id,
          name: job.name,
          failedReason: job.failedReason ?? '',
          attemptsMade: job.attemptsMade,
          timestamp: job.timestamp,
          processedOn: job.processedOn ?? null,
          finishedOn: job.finishedOn ?? null,
        });
      }
    }
    return { items: items.slice(0, page.limit), total };
  }

  /** Runs a failed job again from its first attempt. */
  async retryFailed(queue: QueueName, jobId: string): Promise<RetryOutcome> {
    const job = await this.queue(queue).getJob(jobId);
    if (!job) return 'not_found';
    if ((await job.getState()) !== 'failed') return 'not_failed';
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'retried';
  }
}
