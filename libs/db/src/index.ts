export * from './data-source-options.js';
export * from './database-bootstrap.js';
export * from './db.module.js';
export * from './outbox.entity.js';
export * from './outbox.js';
export * from './outbox-relay.js';
export * from './snake-naming.strategy.js';
export * from './transaction-host.js';
