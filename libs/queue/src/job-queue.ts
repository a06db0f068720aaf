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
}

function jobOptionsOf(item: JobItem, options: EnqueueOptions): JobsOptions {
  return {
    ...DEFAULT_JOB_OPTIONS,
    jobId: options.jobId ?? jobIdOf(item),
    delay: options.delayMs && options.delayMs > 0 ? Math.round(options.delayMs) : undefined,
  };
}

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
    return this.queue(QUEUE_OF_JOB[item.name]).add(
      item.name,
      item.data,
      jobOptionsOf(item, options),
    );
  }

  /** Adds jobs of one queue in a single round trip to Redis. */
  async enqueueBulk(
    queue: QueueName,
    entries: { item: JobItem; options?: EnqueueOptions }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await this.queue(queue).addBulk(
      entries.map(({ item, options }) => {
        if (QUEUE_OF_JOB[item.name] !== queue)
          throw new Error(`${item.name} does not run on ${queue}`);
        return { name: item.name, data: item.data, opts: jobOptionsOf(item, options ?? {}) };
      }),
    );
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
}
