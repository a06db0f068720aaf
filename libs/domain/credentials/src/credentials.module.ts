import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { SignedLinksModule } from '@msc/domain/courses';
import { AppSecretsModule } from '@msc/domain/identity';
import { NotificationsModule } from '@msc/domain/notifications';
import { EvaluatorRegistry, PathwayModule } from '@msc/domain/pathway';
import { UndoneWork } from '@msc/queue';
import { AdminApprovalEvaluator } from './admin-approval.evaluator.js';
import { CertificationRequest } from './certification-request.entity.js';
import { CertificationRequestsRepository } from './certification-requests.repository.js';
import { CertificationService } from './certification.service.js';
import { CredentialCertificateRenderer } from './credential-certificate.renderer.js';
import { Credential } from './credential.entity.js';
import { CredentialsRepository } from './credentials.repository.js';
import { CredentialsService } from './credentials.service.js';
import { DesignationGrant } from './designation.entity.js';
import { DesignationsRepository } from './designations.repository.js';
import { SigningKey } from './signing-key.entity.js';
import { SigningKeys } from './signing-keys.js';
import { SigningKeysRepository } from './signing-keys.repository.js';
import { StatusList } from './status-list.entity.js';
import { StatusListsRepository } from './status-lists.repository.js';
import { UndoneCredentials } from './undone-credentials.js';

export const credentialsEntities = [
  CertificationRequest,
  DesignationGrant,
  SigningKey,
  StatusList,
  Credential,
];

/** Signing keys alone: what the key-rotation command needs, without the rest of the platform. */
@Module({
  imports: [AuditModule, AppSecretsModule],
  providers: [SigningKeys, SigningKeysRepository],
  exports: [SigningKeys],
})
export class SigningKeysModule {}

@Module({
  imports: [
    TypeOrmModule.forFeature(credentialsEntities),
    AuditModule,
    NotificationsModule,
    PathwayModule,
    SigningKeysModule,
    SignedLinksModule,
  ],
  providers: [
    AdminApprovalEvaluator,
    CertificationRequestsRepository,
    CertificationService,
    CredentialCertificateRenderer,
    CredentialsRepository,
    CredentialsService,
    DesignationsRepository,
    StatusListsRepository,
    UndoneCredentials,
  ],
  exports: [CertificationService, CredentialsService, SigningKeysModule],
})
export class CredentialsModule implements OnModuleInit {
  constructor(
    private readonly registry: EvaluatorRegistry,
    private readonly adminApproval: AdminApprovalEvaluator,
    private readonly undoneWork: UndoneWork,
    private readonly undoneCredentials: UndoneCredentials,
  ) {}

  onModuleInit(): void {
    // Imported by both the API and the worker module: register once.
    if (this.registry.get(this.adminApproval.kind) !== (this.adminApproval as unknown)) {
      this.registry.register(this.adminApproval);
    }
    this.undoneWork.register(this.undoneCredentials);
  }
}
