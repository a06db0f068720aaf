import { Module } from '@nestjs/common';
import { StorageModule } from '@msc/storage';
import { BackgroundWorkReconciler } from './background-reconciler.service.js';
import { BlobSweepService } from './blob-sweep.service.js';

/**
 * Housekeeping across contexts (the orphaned-blob sweep, the reconciler of lost background work).
 * The sweep asks BlobReferences, which the owners of blobs fill; the reconciler reads other
 * contexts' tables with plain SQL and enqueues their jobs. It imports none of them, so it can sit
 * beside all of them without a cycle.
 */
@Module({
  imports: [StorageModule],
  providers: [BlobSweepService, BackgroundWorkReconciler],
  exports: [BlobSweepService, BackgroundWorkReconciler],
})
export class MaintenanceModule {}
