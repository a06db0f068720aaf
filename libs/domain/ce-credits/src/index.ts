export * from './ce-credits.module.js';
export * from './ce-credits.service.js';
