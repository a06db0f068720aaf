import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { CourseReadsModule, SignedLinksModule } from '@msc/domain/courses';
import { NotificationsModule } from '@msc/domain/notifications';
import { CeCertificateRenderer } from './ce-certificate.renderer.js';
import { CeCredit } from './ce-credit.entity.js';
import { CeCreditsRepository } from './ce-credits.repository.js';
import { CeCreditsService } from './ce-credits.service.js';

export const ceCreditsEntities = [CeCredit];

@Module({
  imports: [
    TypeOrmModule.forFeature(ceCreditsEntities),
    AuditModule,
    CourseReadsModule,
    NotificationsModule,
    SignedLinksModule,
  ],
  providers: [CeCreditsService, CeCreditsRepository, CeCertificateRenderer],
  exports: [CeCreditsService],
})
export class CeCreditsModule {}
