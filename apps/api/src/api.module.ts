import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuditModule } from '@msc/domain/audit';
import { IdentityModule } from '@msc/domain/identity';
import { NotificationsModule } from '@msc/domain/notifications';
import { AuditController } from './audit/audit.controller.js';
import { HealthController } from './health/health.controller.js';
import { AddressRateLimitGuard } from './http/address-rate-limit.guard.js';
import { AuthGuard } from './http/auth.guard.js';
import { ProblemFilter } from './http/problem.filter.js';
import { createValidationPipe } from './http/validation.js';
import { AuthController } from './identity/auth.controller.js';
import { UsersController } from './identity/users.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';

/** HTTP only: controllers, guards, validation and problem+json over the domain modules. */
@Module({
  imports: [IdentityModule, AuditModule, NotificationsModule],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    AuditController,
    NotificationsController,
  ],
  providers: [
    AddressRateLimitGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class ApiModule {}
