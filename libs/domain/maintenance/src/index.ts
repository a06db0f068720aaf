export * from './background-reconciler.service.js';
export * from './blob-sweep.service.js';
export * from './maintenance.module.js';
