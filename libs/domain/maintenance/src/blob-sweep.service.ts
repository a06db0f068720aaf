import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { BlobStore } from '@msc/storage';

/**
 * Where each blob prefix is referenced from. A prefix missing here is never swept: a new kind of
 * blob is kept until its owner adds its column (each is UNIQUE, so the lookup is an index probe).
 */
export const BLOB_REFERENCES = [
  { prefix: 'evidence', table: 'attestations', column: 'evidence_key' },
  { prefix: 'recordings', table: 'teaching_recordings', column: 'storage_key' },
] as const;

const BATCH = 500;

export interface BlobSweepOutcome {
  /** Per prefix: the blobs past the grace period that were looked at, and the orphans deleted. */
  [prefix: string]: { checked: number; deleted: number };
}

/**
 * Deletes stored files that no row references once they are older than BLOB_SWEEP_GRACE_HOURS:
 * what is left when a process dies between storing a file and committing the row naming it, or
 * when a delete after a failed transaction did not go through.
 */
@Injectable()
export class BlobSweepService {
  private readonly logger = new Logger(BlobSweepService.name);

  constructor(
    private readonly blobs: BlobStore,
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  async sweepOrphans(now = new Date()): Promise<BlobSweepOutcome> {
    const olderThan = new Date(now.getTime() - this.config.BLOB_SWEEP_GRACE_HOURS * 3600_000);
    const outcome: BlobSweepOutcome = {};
    for (const reference of BLOB_REFERENCES) {
      const tally = { checked: 0, deleted: 0 };
      outcome[reference.prefix] = tally;
      let batch: string[] = [];
      const flush = async () => {
        tally.checked += batch.length;
        for (const key of await this.unreferenced(reference, batch)) {
          if (await this.blobs.delete(key)) tally.deleted += 1;
        }
        batch = [];
      };
      for await (const blob of this.blobs.list(reference.prefix, { olderThan })) {
        batch.push(blob.key);
        if (batch.length >= BATCH) await flush();
      }
      if (batch.length) await flush();
      if (tally.deleted) {
        this.logger.log(`deleted ${tally.deleted} orphaned ${reference.prefix} blobs`);
      }
    }
    return outcome;
  }

  private async unreferenced(
    reference: (typeof BLOB_REFERENCES)[number],
    keys: string[],
  ): Promise<string[]> {
    // Table and column come from the constant above, never from input.
    const rows = await this.tx.query<{ key: string }>(
      `SELECT k.key FROM unnest($1::text[]) AS k(key)
        WHERE NOT EXISTS (SELECT 1 FROM "${reference.table}" r WHERE r."${reference.column}" = k.key)`,
      [keys],
    );
    return rows.map((row) => row.key);
  }
}
