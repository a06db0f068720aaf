export * from './notification.entity.js';
export * from './notifications.module.js';
export * from './notifications.service.js';
export * from './notifier.js';
export * from './email-link-minters.js';
export * from './email-template.js';
export * from './notification-message.js';
export * from './tables.js';
