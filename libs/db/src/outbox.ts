import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { jobIdOf, QUEUE_OF_JOB, type JobItem, type JobName } from '@msc/queue';
import { TransactionHost } from './transaction-host.js';
import { type RowText, rowTextSql, type WritePart } from './write-part.js';

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
 * commits. The relay in the worker does the rest: a notification on the outbox channel after the
 * commit wakes it at once, and its poll finds what a lost notification did not announce.
 */
@Injectable()
export class Outbox {
  /** A wake-up is on its way (`wakeRelay`); `again`: another commit came while it was. */
  private waking = false;
  private again = false;

  constructor(private readonly tx: TransactionHost) {}

  async add(item: JobItem, options: OutboxOptions = {}): Promise<string> {
    return (await this.addMany([item], options))[0]!;
  }

  async addMany(items: JobItem[], options: OutboxOptions = {}): Promise<string[]> {
    if (items.length === 0) return [];
    const inserted = await this.tx.query<{ id: string }>(
      `${insertSql(items.length, 0)} RETURNING id`,
      valuesOf(items, options),
    );
    this.tx.afterCommit(() => this.wakeRelay());
    return inserted.map((row) => row.id);
  }

  /**
   * The same jobs as a part of another context's statement, written when `gate` has a row: they
   * commit with that statement's change or not at all.
   */
  part(items: JobItem[], options: OutboxOptions = {}): WritePart {
    return {
      sql: (gate, offset) =>
        `${insertSql(items.length, offset)} WHERE EXISTS (SELECT 1 FROM ${gate})`,
      values: valuesOf(items, options),
      committed: () => this.tx.afterCommit(() => this.wakeRelay()),
    };
  }

  /**
   * One job per row of `gate`, each a run of its own (the outbox row's id is its job id): `data`
   * as given, with each field of `fromRow` made from the row's columns. For a change of many rows
   * whose jobs name what the statement itself makes (ids, numbers from a sequence).
   */
  partPerRow<Name extends JobName>(
    name: Name,
    data: Partial<Extract<JobItem, { name: Name }>['data']>,
    fromRow: Partial<Record<keyof Extract<JobItem, { name: Name }>['data'], RowText>>,
    options: { delayMs?: number } = {},
  ): WritePart {
    const fields = Object.entries(fromRow as Record<string, RowText>);
    const fixed = { ...data } as Record<string, unknown>;
    for (const [field] of fields) delete fixed[field];
    return {
      sql: (gate, n) => {
        const made = fields.map(
          ([field, text], i) => `${pg.escapeLiteral(field)}, ${rowTextSql(text, n + 5 + i, 'g')}`,
        );
        return `INSERT INTO outbox (id, queue, job_name, payload, delay_ms, job_id)
         SELECT g.outbox_id, $${n + 1}::text, $${n + 2}::text,
                $${n + 3}::jsonb || jsonb_build_object(${made.join(', ')}), $${n + 4}::bigint,
                g.outbox_id::text
         FROM (SELECT gen_random_uuid() AS outbox_id, * FROM ${gate}) g`;
      },
      values: [
        QUEUE_OF_JOB[name],
        name,
        JSON.stringify(fixed),
        options.delayMs ?? 0,
        ...fields.map(([, text]) => text.format),
      ],
      committed: () => this.tx.afterCommit(() => this.wakeRelay()),
    };
  }

  /**
   * Wakes the relay after a commit, on a statement of its own: a NOTIFY inside the transaction
   * would queue every notifying commit on PostgreSQL's one notification lock while the change's
   * own row locks are still held. Commits that come while a wake-up is on its way share the next
   * one. A failure loses only the wake-up; the relay's poll finds the rows.
   */
  private wakeRelay(): void {
    if (this.waking) {
      this.again = true;
      return;
    }
    this.waking = true;
    this.tx
      .query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`)
      .catch(() => undefined)
      .finally(() => {
        this.waking = false;
        if (this.again) {
          this.again = false;
          this.wakeRelay();
        }
      });
  }
}

/** The INSERT of `count` jobs, their five values each from `$<offset + 1>` (see valuesOf). */
function insertSql(count: number, offset: number): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const base = offset + i * 5;
    return `(gen_random_uuid(), $${base + 1}::text, $${base + 2}::text, $${base + 3}::jsonb, $${base + 4}::bigint, $${base + 5}::text)`;
  });
  return `INSERT INTO outbox (id, queue, job_name, payload, delay_ms, job_id)
       SELECT id, queue, job_name, payload, delay_ms, COALESCE(job_id, id::text)
       FROM (VALUES ${rows.join(', ')}) AS rows(id, queue, job_name, payload, delay_ms, job_id)`;
}

function valuesOf(items: JobItem[], options: OutboxOptions): unknown[] {
  return items.flatMap((item) => [
    QUEUE_OF_JOB[item.name],
    item.name,
    JSON.stringify(item.data),
    options.delayMs ?? 0,
    options.runOfItsOwn ? null : (options.jobId ?? jobIdOf(item)),
  ]);
}
