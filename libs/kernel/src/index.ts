export * from './actor.js';
export * from './domain-error.js';
export * from './role.js';
