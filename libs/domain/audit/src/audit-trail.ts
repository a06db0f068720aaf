/**
 * The audit trail as other contexts may read it in their own statements
 * (`FROM ${AUDIT_TRAIL} a WHERE a.subject = …`): who did what to which subject, when. A plain
 * subquery, so PostgreSQL flattens it into the caller's plan exactly as a read of the table.
 */
export const AUDIT_TRAIL = '(SELECT subject, action, at, actor_id FROM audit_events)';
