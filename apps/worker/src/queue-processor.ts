import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import type { AppConfig } from '@msc/config';
import type { JobNameOf, JobPayloadOf, QueueName } from '@msc/queue';

/** Where @nestjs/bullmq reads a processor's Worker options (what `@Processor(name, options)` sets). */
const WORKER_OPTIONS_METADATA = 'bullmq:worker_metadata';

/** One handler for every job of the queue: a missing one is a compile error. */
export type JobHandlers<Q extends QueueName> = {
  [N in JobNameOf<Q>]: (data: JobPayloadOf<N>, job: Job) => Promise<unknown>;
};

/** A thin BullMQ processor: looks up the job's handler, which calls one domain service method. */
export abstract class QueueProcessor<Q extends QueueName>
  extends WorkerHost
  implements OnApplicationBootstrap
{
  protected readonly logger = new Logger(this.constructor.name);
  abstract readonly queue: Q;
  abstract readonly handlers: JobHandlers<Q>;

  protected constructor(private readonly appConfig: AppConfig) {
    super();
    // Read when the Worker is built (on module init, after every provider exists): the lock and the
    // stalled-job check come from the configuration. A job whose worker died is run again once
    // (maxStalledCount 1); a second loss fails it, and the reconciler finds its work undone.
    // The Worker does not start on its own (autorun): @nestjs/bullmq builds it in the init of a
    // module imported before ours, and a job already waiting (a stalled one, above all) would run
    // before the rest of the application had initialised, the boot checks included.
    const given = (Reflect.getMetadata(WORKER_OPTIONS_METADATA, this.constructor) ?? {}) as object;
    Reflect.defineMetadata(
      WORKER_OPTIONS_METADATA,
      {
        ...given,
        lockDuration: appConfig.WORKER_LOCK_DURATION_MS,
        stalledInterval: appConfig.WORKER_STALLED_INTERVAL_MS,
        maxStalledCount: 1,
        autorun: false,
      },
      this.constructor,
    );
  }

  /** Every module has initialised (handlers checked, and wrapped where a test asks): start. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.appConfig.WORKER_CONCURRENCY;
    // A job whose lock lapsed (its worker died, or its event loop was blocked past the lock):
    // BullMQ runs it again once, then fails it; either way it is worth a line in the log.
    this.worker.on('stalled', (jobId, previous) =>
      this.logger.warn({ queue: this.queue, jobId, previous }, 'job stalled: its lock lapsed'),
    );
    // Settles when the worker closes; BullMQ retries lost connections inside it.
    this.worker
      .run()
      .catch((error: unknown) =>
        this.logger.error({ queue: this.queue, err: error }, 'the queue worker stopped'),
      );
  }

  async process(job: Job): Promise<unknown> {
    const handler = (
      this.handlers as Record<string, ((data: unknown, job: Job) => Promise<unknown>) | undefined>
    )[job.name];
    if (!handler)
      throw new UnrecoverableError(`queue ${this.queue} has no handler for job "${job.name}"`);
    const result = await handler(job.data, job);
    this.logger.debug({ jobId: job.id, job: job.name, result }, 'job done');
    return result;
  }
}
