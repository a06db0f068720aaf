export * from './audit-event.entity.js';
export * from './audit-log.js';
export * from './audit-trail.js';
export * from './audit.module.js';
export * from './tables.js';
