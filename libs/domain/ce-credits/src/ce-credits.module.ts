import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { CourseReadsModule, SignedLinksModule } from '@msc/domain/courses';
import { NotificationsModule } from '@msc/domain/notifications';
import { UndoneWork } from '@msc/queue';
import { CeCertificateRenderer } from './ce-certificate.renderer.js';
import { CeCredit } from './ce-credit.entity.js';
import { CeCreditsRepository } from './ce-credits.repository.js';
import { CeCreditsService } from './ce-credits.service.js';
import { UndoneCeCredits } from './undone-ce-credits.js';

export const ceCreditsEntities = [CeCredit];

@Module({
  imports: [
    TypeOrmModule.forFeature(ceCreditsEntities),
    AuditModule,
    CourseReadsModule,
    NotificationsModule,
    SignedLinksModule,
  ],
  providers: [CeCreditsService, CeCreditsRepository, CeCertificateRenderer, UndoneCeCredits],
  exports: [CeCreditsService],
})
export class CeCreditsModule implements OnModuleInit {
  constructor(
    private readonly undoneWork: UndoneWork,
    private readonly undoneCeCredits: UndoneCeCredits,
  ) {}

  onModuleInit(): void {
    this.undoneWork.register(this.undoneCeCredits);
  }
}
