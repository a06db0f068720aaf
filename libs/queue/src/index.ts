export * from './queue-names.js';
export * from './job-items.js';
export * from './job-options.js';
export * from './job-queue.js';
export * from './queue.module.js';
export * from './rate-limiter.js';
export * from './redis.module.js';
export * from './wait-for-redis.js';
