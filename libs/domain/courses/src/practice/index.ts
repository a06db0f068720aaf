export * from './practice-calendar.js';
export * from './practice-days.evaluator.js';
export * from './practice-log.entity.js';
export * from './practice.errors.js';
export * from './practice.module.js';
export * from './practice.service.js';
