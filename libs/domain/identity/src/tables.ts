/** The tables identity owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const identityTables = [
  'users',
  'refresh_tokens',
  'app_secrets',
  'password_resets',
] as const;
