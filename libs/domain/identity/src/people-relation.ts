/**
 * The people other contexts may read in their own statements (`JOIN ${PEOPLE} u ON u.id = …`):
 * identity's public columns of `users`, never its secrets. A plain subquery, so PostgreSQL flattens
 * it into the caller's plan exactly as a join of the table.
 */
export const PEOPLE =
  '(SELECT id, email, display_name, roles, time_zone, deactivated_at, created_at FROM users)';
