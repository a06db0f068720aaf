/** The tables ce-credits owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const ceCreditsTables = ['ce_credits'] as const;
