export * from './blob-references.js';
export * from './blob-store.js';
export * from './content-type-sniffing.js';
export * from './local-blob-store.js';
export * from './s3-blob-store.js';
export * from './storage.errors.js';
export * from './storage.module.js';
