import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@msc/config';
import { JobQueue, QueueName, type JobItem } from '@msc/queue';
import { OUTBOX_CHANNEL } from './outbox.js';

interface PendingRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: unknown;
  delay_ms: number;
  created_at: Date;
}

const BATCH = 200;

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * workers can relay at once; a row is marked sent only after BullMQ accepted its job, and a job
 * re-sent after a crash keeps its id, so BullMQ does not add it twice. A retained finished job
 * under a deterministic id never swallows a newer request (see `EnqueueOptions`).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_INTERVAL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => 0);
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays everything pending now; resolves with how many rows were sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'outbox relay failed; will retry');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL });
    // Until LISTEN succeeded, a failure rejects below and the caller retries.
    let listening = false;
    let lost = false;
    const onLost = (error?: Error) => {
      if (!listening || lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'outbox listener lost; polling until it is back');
      void client.end().catch(() => undefined);
      this.relisten();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', () => this.wake());
    await client.connect();
    try {
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    listening = true;
    if (this.stopped) {
      await client.end();
      return;
    }
    this.listener = client;
  }

  /** Listens again after a second, and keeps trying while PostgreSQL cannot be reached. */
  private relisten(): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.listen().then(
        // Rows committed while nobody listened sent no notification that arrived.
        () => this.wake(),
        (error: unknown) => {
          this.logger.warn({ err: error }, 'outbox listener could not reconnect; retrying');
          this.relisten();
        },
      );
    }, 1000).unref();
  }

  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, queue, job_name, job_id, payload, delay_ms::float8 AS delay_ms, created_at
         FROM outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT ${BATCH}
         FOR UPDATE SKIP LOCKED`,
      )) as PendingRow[];
      const byQueue = new Map<QueueName, PendingRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      const sent: string[] = [];
      let failed = false;
      // One round trip per queue: relaying thousands of rows one add at a time is what made bulk
      // notifications slow.
      for (const [queue, group] of byQueue) {
        try {
          await this.jobs.enqueueBulk(
            queue,
            group.map((row) => ({
              item: { name: row.job_name, data: row.payload } as JobItem,
              options: {
                jobId: row.job_id,
                delayMs: row.delay_ms - (Date.now() - new Date(row.created_at).getTime()),
                // A request made after the last run of its job id runs again (a second admin
                // completion after a reopen), and a failed one never blocks it; a row re-sent
                // after a crash finds its own job, newer than the row, and is not added twice.
                rerunCompletedBefore: new Date(row.created_at),
              },
            })),
          );
          sent.push(...group.map((row) => row.id));
        } catch (error) {
          this.logger.warn({ err: error, queue }, 'could not relay outbox rows');
          await manager.query(
            'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])',
            [group.map((row) => row.id), String(error).slice(0, 1000)],
          );
          failed = true;
        }
      }
      if (sent.length > 0) {
        await manager.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])', [sent]);
      }
      // A failure ends this drain; the next poll tries again.
      return failed ? 0 : rows.length;
    });
  }
}
