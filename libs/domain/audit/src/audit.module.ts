import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { AuditLog } from './audit-log.js';

export const auditEntities = [AuditEvent];

@Module({
  imports: [TypeOrmModule.forFeature(auditEntities)],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
