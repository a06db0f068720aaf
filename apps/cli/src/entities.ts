import { OutboxMessage } from '@msc/db';
import { applicationsEntities } from '@msc/domain/applications';
import { auditEntities } from '@msc/domain/audit';
import { ceCreditsEntities } from '@msc/domain/ce-credits';
import { coursesEntities, practiceEntities } from '@msc/domain/courses';
import { credentialsEntities } from '@msc/domain/credentials';
import { identityEntities } from '@msc/domain/identity';
import { notificationsEntities } from '@msc/domain/notifications';
import { pathwayEntities } from '@msc/domain/pathway';
import { practicumEntities } from '@msc/domain/practicum';

/** Every entity of every context: what the migration generator compares the schema against. */
export const allEntities = [
  OutboxMessage,
  ...identityEntities,
  ...auditEntities,
  ...notificationsEntities,
  ...pathwayEntities,
  ...coursesEntities,
  ...practiceEntities,
  ...applicationsEntities,
  ...ceCreditsEntities,
  ...credentialsEntities,
  ...practicumEntities,
];
