export * from './factories.js';
export * from './media.js';
export * from './problem-assertions.js';
export * from './test-app.js';
export * from './tcp-proxy.js';
export * from './test-database.js';
export * from './worker-process.js';
