import { Module } from '@nestjs/common';
import { StorageModule } from '@msc/storage';
import { BackgroundWorkReconciler } from './background-reconciler.service.js';
import { BlobSweepService } from './blob-sweep.service.js';

/**
 * Housekeeping across contexts (the orphaned-blob sweep, the reconciler of lost background work).
 * The sweep asks BlobReferences (@msc/storage), the reconciler UndoneWork (@msc/queue): registries
 * the owning contexts fill, so it names none of their tables and imports none of them.
 */
@Module({
  imports: [StorageModule],
  providers: [BlobSweepService, BackgroundWorkReconciler],
  exports: [BlobSweepService, BackgroundWorkReconciler],
})
export class MaintenanceModule {}
