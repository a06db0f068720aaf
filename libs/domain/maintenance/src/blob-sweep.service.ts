import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { BlobReferences, BlobStore } from '@msc/storage';

const BATCH = 500;

export interface BlobSweepOutcome {
  /** Per prefix: the blobs past the grace period that were looked at, and the orphans deleted. */
  [prefix: string]: { checked: number; deleted: number };
}

/**
 * Deletes stored files that no row references once they are older than BLOB_SWEEP_GRACE_HOURS,
 * for each prefix an owning context registered in BlobReferences (the others are kept):
 * what is left when a process dies between storing a file and committing the row naming it, or
 * when a delete after a failed transaction did not go through.
 */
@Injectable()
export class BlobSweepService {
  private readonly logger = new Logger(BlobSweepService.name);

  constructor(
    private readonly blobs: BlobStore,
    private readonly references: BlobReferences,
    private readonly config: AppConfig,
  ) {}

  async sweepOrphans(now = new Date()): Promise<BlobSweepOutcome> {
    const olderThan = new Date(now.getTime() - this.config.BLOB_SWEEP_GRACE_HOURS * 3600_000);
    const outcome: BlobSweepOutcome = {};
    for (const reference of this.references.all()) {
      const tally = { checked: 0, deleted: 0 };
      outcome[reference.prefix] = tally;
      let batch: string[] = [];
      const flush = async () => {
        tally.checked += batch.length;
        for (const key of await reference.unreferenced(batch)) {
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
}
