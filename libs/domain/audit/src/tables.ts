/** The tables audit owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const auditTables = ['audit_events'] as const;
