import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { EmailLinkMinters, NotificationsModule, Recipients } from '@msc/domain/notifications';
import { AccessTokens } from './access-tokens.js';
import { AppSecretsModule } from './app-secrets.js';
import { AppSecret } from './app-secret.entity.js';
import { IdentityService, PASSWORD_RESET_MINTER } from './identity.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordReset } from './password-reset.entity.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { PeopleLookup } from './people-lookup.js';
import { PEOPLE } from './people-relation.js';
import { RefreshToken } from './refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export const identityEntities = [User, RefreshToken, AppSecret, PasswordReset];

@Module({
  imports: [
    TypeOrmModule.forFeature(identityEntities),
    AppSecretsModule,
    AuditModule,
    NotificationsModule,
  ],
  providers: [
    IdentityService,
    UsersRepository,
    RefreshTokensRepository,
    PasswordResetsRepository,
    PasswordHasher,
    AccessTokens,
    PeopleLookup,
  ],
  exports: [IdentityService, AccessTokens, PasswordHasher, PeopleLookup],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly minters: EmailLinkMinters,
    private readonly identity: IdentityService,
    private readonly recipients: Recipients,
  ) {}

  /** Notifications reach people; password-reset e-mails get their link, with a fresh token, as sent. */
  onModuleInit(): void {
    this.recipients.provide(PEOPLE);
    this.minters.register(PASSWORD_RESET_MINTER, (resetId) =>
      this.identity.mintPasswordResetLink(resetId),
    );
  }
}
