import { Module } from '@nestjs/common';
import { StorageModule } from '@msc/storage';
import { BlobSweepService } from './blob-sweep.service.js';

/**
 * Housekeeping across contexts (the orphaned-blob sweep). It reads other contexts' tables with
 * plain SQL and imports none of them, so it can sit beside all of them without a cycle.
 */
@Module({
  imports: [StorageModule],
  providers: [BlobSweepService],
  exports: [BlobSweepService],
})
export class MaintenanceModule {}
