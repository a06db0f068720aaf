/** The tables credentials owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const credentialsTables = [
  'certification_requests',
  'credentials',
  'designations',
  'signing_keys',
  'status_lists',
] as const;
