export * from './api.module.js';
export * from './http-app.js';
export * from './http/public.decorator.js';
