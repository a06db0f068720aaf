/** The tables pathway owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const pathwayTables = ['pathway_versions', 'trainee_pathways'] as const;
