/** The tables applications owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const applicationsTables = ['applications', 'attestations'] as const;
