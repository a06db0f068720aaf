import { JobQueue, QueueName } from '@msc/queue';
import type { DataSource } from 'typeorm';
import type { OutboxRelay } from './outbox-relay.js';

export interface SettleOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Count delayed jobs as pending too (default: no, reminders may wait for days). */
  includeDelayed?: boolean;
}

/**
 * Waits until the outbox is relayed and no job waits or runs in any queue: how tests, the demo seed
 * and the benchmarks await asynchronous flows. Idle twice in a row, because the background relay
 * may be between adding a job and committing its row when the first look finds nothing.
 */
export async function settleBackgroundWork(
  /** Without a relay (an API-only process), waits for another process's relay to empty the outbox. */
  parts: { relay?: OutboxRelay; jobs: JobQueue; dataSource: DataSource },
  options: SettleOptions = {},
): Promise<void> {
  const { timeoutMs = 15_000, pollMs = 20, includeDelayed = false } = options;
  const states = ['waiting', 'active', 'prioritized', 'waiting-children'] as const;
  const counted = includeDelayed ? [...states, 'delayed' as const] : [...states];
  const deadline = Date.now() + timeoutMs;
  let idle = 0;
  for (;;) {
    await parts.relay?.drain();
    let busy = 0;
    for (const name of Object.values(QueueName)) {
      const counts = await parts.jobs.queue(name).getJobCounts(...counted);
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    // Counted after the jobs: a job that finished meanwhile has committed its outbox rows.
    const [pending] = (await parts.dataSource.query(
      'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
    )) as { n: number }[];
    busy += pending!.n;
    idle = busy === 0 ? idle + 1 : 0;
    if (idle >= 2) return;
    if (busy === 0) continue;
    if (Date.now() > deadline)
      throw new Error(`background jobs still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
