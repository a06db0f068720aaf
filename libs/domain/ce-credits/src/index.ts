export * from './ce-certificate.renderer.js';
export * from './chunked.js';
export * from './ce-credit.entity.js';
export * from './ce-credits.errors.js';
export * from './ce-credits.module.js';
export * from './ce-credits.service.js';
export * from './ce-roster.js';
export * from './tables.js';
