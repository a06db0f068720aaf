export * from './app-secret.entity.js';
export * from './identity.errors.js';
export * from './identity.module.js';
export * from './identity.service.js';
export * from './refresh-token.entity.js';
export * from './user.entity.js';
export * from './user.view.js';
