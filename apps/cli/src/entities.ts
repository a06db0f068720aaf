import { OutboxMessage } from '@msc/db';
import { auditEntities } from '@msc/domain/audit';
import { identityEntities } from '@msc/domain/identity';
import { notificationsEntities } from '@msc/domain/notifications';

/** Every entity of every context: what the migration generator compares the schema against. */
export const allEntities = [
  OutboxMessage,
  ...identityEntities,
  ...auditEntities,
  ...notificationsEntities,
];
