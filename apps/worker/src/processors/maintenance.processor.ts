import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { BlobSweepService } from '@msc/domain/maintenance';
import { DEFAULT_JOB_OPTIONS, type JobItem, JobName, JobQueue, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

/** The job scheduler's id in Redis: never rename it in place (a second one would run beside it). */
export const BLOB_SWEEP_SCHEDULER = 'blob-sweep-hourly';
/** Hourly, at a minute off the hour when other cron work piles up. */
export const BLOB_SWEEP_PATTERN = '17 * * * *';

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends QueueProcessor<QueueName.Maintenance> {
  readonly queue = QueueName.Maintenance;
  readonly handlers: JobHandlers<QueueName.Maintenance> = {
    [JobName.SweepOrphanBlobs]: () => this.sweep.sweepOrphans(),
  };

  constructor(
    config: AppConfig,
    private readonly sweep: BlobSweepService,
    private readonly jobs: JobQueue,
  ) {
    super(config);
  }

  /** Every worker upserts the same scheduler at boot: one schedule however many workers run. */
  override async onApplicationBootstrap(): Promise<void> {
    super.onApplicationBootstrap();
    const { attempts, backoff, removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS;
    const template: JobItem = { name: JobName.SweepOrphanBlobs, data: { trigger: 'schedule' } };
    await this.jobs.queue(QueueName.Maintenance).upsertJobScheduler(
      BLOB_SWEEP_SCHEDULER,
      { pattern: BLOB_SWEEP_PATTERN },
      {
        name: template.name,
        data: template.data,
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      },
    );
  }
}
