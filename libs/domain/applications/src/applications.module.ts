import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { NotificationsModule } from '@msc/domain/notifications';
import { EvaluatorRegistry, PathwayModule } from '@msc/domain/pathway';
import { BlobReferences, StorageModule } from '@msc/storage';
import { ApplicationApprovedEvaluator } from './application-approved.evaluator.js';
import { ApplicationsService } from './applications.service.js';
import { Attestation } from './attestation.entity.js';
import { AttestationVerifiedEvaluator } from './attestation-verified.evaluator.js';
import { AttestationsRepository } from './attestations.repository.js';
import { AttestationsService } from './attestations.service.js';
import { TrainingApplication } from './training-application.entity.js';
import { TrainingApplicationsRepository } from './training-applications.repository.js';

export const applicationsEntities = [Attestation, TrainingApplication];

/** Attestations with their evidence, teacher-training applications, and the kinds they judge. */
@Module({
  imports: [
    TypeOrmModule.forFeature(applicationsEntities),
    PathwayModule,
    StorageModule,
    AuditModule,
    NotificationsModule,
  ],
  providers: [
    AttestationsService,
    AttestationsRepository,
    ApplicationsService,
    TrainingApplicationsRepository,
    AttestationVerifiedEvaluator,
    ApplicationApprovedEvaluator,
  ],
  exports: [AttestationsService, ApplicationsService],
})
export class ApplicationsModule implements OnModuleInit {
  constructor(
    private readonly registry: EvaluatorRegistry,
    private readonly attestationVerified: AttestationVerifiedEvaluator,
    private readonly applicationApproved: ApplicationApprovedEvaluator,
    private readonly blobReferences: BlobReferences,
    private readonly attestations: AttestationsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.attestationVerified);
    this.registry.register(this.applicationApproved);
    this.blobReferences.register({
      prefix: 'evidence',
      unreferenced: (keys) => this.attestations.unreferencedEvidence(keys),
    });
  }
}
