import type { JobSchedulerTemplateOptions, Queue } from 'bullmq';

export interface EveryScheduleTemplate {
  name: string;
  data: unknown;
  opts?: JobSchedulerTemplateOptions;
}

/**
 * Upserts a job scheduler that runs every `everyMs`, first dropping one stored with another
 * interval. BullMQ (6.7) keeps the stored `offset` when an upsert changes `every`, so after an
 * interval change (RECONCILE_INTERVAL_SECONDS from 300 to 1, say) a catch-up lands up to the old
 * interval late: the next run is aligned to the new slot plus the old offset. A scheduler stored
 * with this interval is upserted in place, so workers booting side by side keep one schedule.
 */
export async function upsertEveryScheduler(
  queue: Queue,
  schedulerId: string,
  everyMs: number,
  template: EveryScheduleTemplate,
): Promise<void> {
  const stored = await queue.getJobScheduler(schedulerId);
  if (stored && (Number(stored.every) !== everyMs || Number(stored.offset ?? 0) >= everyMs)) {
    await queue.removeJobScheduler(schedulerId);
  }
  await queue.upsertJobScheduler(schedulerId, { every: everyMs }, template);
}
