/** The tables notifications owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const notificationsTables = ['notifications'] as const;
