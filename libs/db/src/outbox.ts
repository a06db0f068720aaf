import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { jobIdOf, QUEUE_OF_JOB, type JobItem, type JobName, type JobPayloadOf } from '@msc/queue';
import { TransactionHost } from './transaction-host.js';
import { type RowText, rowTextSql, type WritePart } from './write-part.js';

export const OUTBOX_CHANNEL = 'outbox';

/** The fields of a job's payload that hold a list. */
type ListFieldOf<Name extends JobName> = {
  [K in keyof JobPayloadOf<Name>]-?: JobPayloadOf<Name>[K] extends readonly unknown[] ? K : never;
}[keyof JobPayloadOf<Name>];

/** What the list `Field` of a job's payload holds. */
type ElementOf<
  Name extends JobName,
  Field extends keyof JobPayloadOf<Name>,
> = JobPayloadOf<Name>[Field] extends readonly (infer Element)[] ? Element : never;

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
   * One job over the rows of `gate`, written when it has any, a run of its own (the outbox row's id
   * is its job id): `data` as given, with `list.field` an array holding for each row `list.item`
   * and the fields of `list.fromRow` made from the row's columns. For a change of many rows whose
   * job names what the statement itself makes (ids, numbers from a sequence): one job, however
   * many rows.
   */
  partOverRows<Name extends JobName, Field extends ListFieldOf<Name>>(
    name: Name,
    data: Omit<JobPayloadOf<Name>, Field>,
    list: {
      field: Field;
      item: Partial<ElementOf<Name, Field>>;
      fromRow: Partial<Record<keyof ElementOf<Name, Field>, RowText>>;
    },
    options: { delayMs?: number } = {},
  ): WritePart {
    const fields = Object.entries(list.fromRow as Record<string, RowText>);
    const fixed = { ...(list.item as Record<string, unknown>) };
    for (const [field] of fields) delete fixed[field];
    return {
      sql: (gate, n) => {
        const made = fields.map(
          ([field, text], i) => `${pg.escapeLiteral(field)}, ${rowTextSql(text, n + 7 + i, 'g')}`,
        );
        return `INSERT INTO outbox (id, queue, job_name, payload, delay_ms, job_id)
         SELECT o.id, $${n + 1}::text, $${n + 2}::text,
                $${n + 3}::jsonb || jsonb_build_object($${n + 4}::text, o.items), $${n + 5}::bigint,
                o.id::text
         FROM (SELECT gen_random_uuid() AS id,
                      jsonb_agg($${n + 6}::jsonb || jsonb_build_object(${made.join(', ')})) AS items
               FROM ${gate} g) o
         WHERE o.items IS NOT NULL`;
      },
      values: [
        QUEUE_OF_JOB[name],
        name,
        JSON.stringify(data),
        list.field,
        options.delayMs ?? 0,
        JSON.stringify(fixed),
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
