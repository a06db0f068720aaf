import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Module } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { BlobReferences } from './blob-references.js';
import { BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

export function createBlobStore(config: AppConfig): BlobStore {
  switch (config.STORAGE_DRIVER) {
    case 'local':
      return new LocalBlobStore(join(config.DATA_DIR, 'blobs'));
    case 's3':
      return new S3BlobStore(
        new S3Client({
          region: config.S3_REGION ?? 'us-east-1',
          endpoint: config.S3_ENDPOINT,
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
          credentials:
            config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
              ? {
                  accessKeyId: config.S3_ACCESS_KEY_ID,
                  secretAccessKey: config.S3_SECRET_ACCESS_KEY,
                }
              : undefined,
        }),
        config.S3_BUCKET!,
      );
  }
}

/**
 * The BlobStore of STORAGE_DRIVER (recordings and evidence files go through it) and the one
 * BlobReferences registry: a static module, instantiated once however many modules import it.
 */
@Module({
  providers: [
    { provide: BlobStore, inject: [AppConfig], useFactory: createBlobStore },
    BlobReferences,
  ],
  exports: [BlobStore, BlobReferences],
})
export class StorageModule {}
