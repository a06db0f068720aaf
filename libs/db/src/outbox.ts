import { Injectable } from '@nestjs/common';
import { jobIdOf, QUEUE_OF_JOB, type JobItem } from '@msc/queue';
import { TransactionHost } from './transaction-host.js';

export const OUTBOX_CHANNEL = 'outbox';

export interface OutboxOptions {
  /** Run the job this long after the transaction commits. */
  delayMs?: number;
  /** The BullMQ job id; by default the item's deterministic one (`jobIdOf`). */
  jobId?: string;
  /**
   * The outbox row's id as the job id instead: each add is a run of its own, never taken for a
   * job of the item's deterministic id that waits, runs or finished before.
   */
  runOfItsOwn?: boolean;
}

/**
 * Writes jobs in the caller's transaction: they reach BullMQ if and only if the state change
 * commits. The relay in the worker does the rest.
 */
@Injectable()
export class Outbox {
  constructor(private readonly tx: TransactionHost) {}

  async add(item: JobItem, options: OutboxOptions = {}): Promise<string> {
    return (await this.addMany([item], options))[0]!;
  }

  async addMany(items: JobItem[], options: OutboxOptions = {}): Promise<string[]> {
    if (items.length === 0) return [];
    const values: unknown[] = [];
    const rows = items.map((item, i) => {
      const base = i * 5;
      values.push(
        QUEUE_OF_JOB[item.name],
        item.name,
        JSON.stringify(item.data),
        options.delayMs ?? 0,
        options.runOfItsOwn ? null : (options.jobId ?? jobIdOf(item)),
      );
      return `(gen_random_uuid(), $${base + 1}::text, $${base + 2}::text, $${base + 3}::jsonb, $${base + 4}::bigint, $${base + 5}::text)`;
    });
    const inserted = await this.tx.query<{ id: string }>(
      `WITH rows(id, queue, job_name, payload, delay_ms, job_id) AS (VALUES ${rows.join(', ')})
       INSERT INTO outbox (id, queue, job_name, payload, delay_ms, job_id)
       SELECT id, queue, job_name, payload, delay_ms, COALESCE(job_id, id::text) FROM rows
       RETURNING id`,
      values,
    );
    // Delivered on commit only; wakes the relay without waiting for its next poll.
    await this.tx.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return inserted.map((row) => row.id);
  }
}
