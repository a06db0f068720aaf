import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { BackgroundWorkReconciler, BlobSweepService } from '@msc/domain/maintenance';
import {
  DEFAULT_JOB_OPTIONS,
  type JobItem,
  JobName,
  JobQueue,
  QueueName,
  upsertEveryScheduler,
} from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

/** The job scheduler's id in Redis: never rename it in place (a second one would run beside it). */
export const BLOB_SWEEP_SCHEDULER = 'blob-sweep-hourly';
/** Hourly, at a minute off the hour when other cron work piles up. */
export const BLOB_SWEEP_PATTERN = '17 * * * *';
/** The reconciler's job scheduler (every RECONCILE_INTERVAL_SECONDS): never rename it in place. */
export const RECONCILE_SCHEDULER = 'reconcile-background-work';

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends QueueProcessor<QueueName.Maintenance> {
  readonly queue = QueueName.Maintenance;
  readonly handlers: JobHandlers<QueueName.Maintenance> = {
    [JobName.SweepOrphanBlobs]: () => this.sweep.sweepOrphans(),
    [JobName.ReconcileBackgroundWork]: () => this.reconciler.reconcile(),
  };

  constructor(
    private readonly config: AppConfig,
    private readonly sweep: BlobSweepService,
    private readonly reconciler: BackgroundWorkReconciler,
    private readonly jobs: JobQueue,
  ) {
    super(config);
  }

  /** Every worker upserts the same schedulers at boot: one schedule however many workers run. */
  override async onApplicationBootstrap(): Promise<void> {
    super.onApplicationBootstrap();
    const { attempts, backoff, removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS;
    const opts = { attempts, backoff, removeOnComplete, removeOnFail };
    const queue = this.jobs.queue(QueueName.Maintenance);
    const sweep: JobItem = { name: JobName.SweepOrphanBlobs, data: { trigger: 'schedule' } };
    await queue.upsertJobScheduler(
      BLOB_SWEEP_SCHEDULER,
      { pattern: BLOB_SWEEP_PATTERN },
      { name: sweep.name, data: sweep.data, opts },
    );
    // A lost reconcile run is harmless: the next one comes RECONCILE_INTERVAL_SECONDS later.
    const reconcile: JobItem = {
      name: JobName.ReconcileBackgroundWork,
      data: { trigger: 'schedule' },
    };
    await upsertEveryScheduler(
      queue,
      RECONCILE_SCHEDULER,
      this.config.RECONCILE_INTERVAL_SECONDS * 1000,
      {
        name: reconcile.name,
        data: reconcile.data,
        opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
  }
}
