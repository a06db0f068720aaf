import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { NotificationsModule } from '@msc/domain/notifications';
import { AccessTokens } from './access-tokens.js';
import { AppSecretsModule } from './app-secrets.js';
import { AppSecret } from './app-secret.entity.js';
import { IdentityService } from './identity.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshToken } from './refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export const identityEntities = [User, RefreshToken, AppSecret];

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
    PasswordHasher,
    AccessTokens,
  ],
  exports: [IdentityService, AccessTokens, PasswordHasher],
})
export class IdentityModule {}
