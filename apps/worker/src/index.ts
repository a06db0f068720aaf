export * from './queue-processor.js';
export * from './worker.module.js';
