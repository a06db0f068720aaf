import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ApplicationsModule } from '@msc/domain/applications';
import { AuditModule } from '@msc/domain/audit';
import { CeCreditsModule } from '@msc/domain/ce-credits';
import { CoursesModule, PracticeModule, SignedLinksModule } from '@msc/domain/courses';
import { CredentialsModule } from '@msc/domain/credentials';
import { IdentityModule } from '@msc/domain/identity';
import { NotificationsModule } from '@msc/domain/notifications';
import { PathwayModule } from '@msc/domain/pathway';
import { PracticumModule } from '@msc/domain/practicum';
import { ApplicationsController } from './applications/applications.controller.js';
import { AttestationsController } from './applications/attestations.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { CeCreditsController } from './ce-credits/ce-credits.controller.js';
import { CalendarFeedController } from './courses/calendar-feed.controller.js';
import { CohortsController } from './courses/cohorts.controller.js';
import { CoursesController } from './courses/courses.controller.js';
import { EnrollmentsController } from './courses/enrollments.controller.js';
import { CertificationsController } from './credentials/certifications.controller.js';
import { CredentialsController } from './credentials/credentials.controller.js';
import { VerificationPageController } from './credentials/verification-page.controller.js';
import { HealthController } from './health/health.controller.js';
import { AddressRateLimitGuard } from './http/address-rate-limit.guard.js';
import { AuthGuard } from './http/auth.guard.js';
import { JsonBodyInterceptor } from './http/json-body.interceptor.js';
import { ProblemFilter } from './http/problem.filter.js';
import { createValidationPipe } from './http/validation.js';
import { AuthController } from './identity/auth.controller.js';
import { JobsController } from './jobs/jobs.controller.js';
import { UsersController } from './identity/users.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { PracticeLogsController } from './practice/practice-logs.controller.js';
import { PathwayVersionsController } from './pathway/pathway-versions.controller.js';
import { ProgressController } from './pathway/progress.controller.js';
import { PracticumsController } from './practicum/practicums.controller.js';
import { PracticumAdminController } from './practicum/practicum-admin.controller.js';
import { PracticumViewsController } from './practicum/practicum-views.controller.js';
import { RecordingUploadsController } from './practicum/recording-uploads.controller.js';
import { RecordingsController } from './practicum/recordings.controller.js';

/** HTTP only: controllers, guards, validation and problem+json over the domain modules. */
@Module({
  imports: [
    IdentityModule,
    AuditModule,
    NotificationsModule,
    PathwayModule,
    CoursesModule,
    CeCreditsModule,
    CredentialsModule,
    PracticeModule,
    ApplicationsModule,
    PracticumModule,
    SignedLinksModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    AuditController,
    JobsController,
    NotificationsController,
    ProgressController,
    PathwayVersionsController,
    CoursesController,
    CohortsController,
    CalendarFeedController,
    EnrollmentsController,
    CeCreditsController,
    CertificationsController,
    CredentialsController,
    VerificationPageController,
    PracticumsController,
    RecordingsController,
    PracticumViewsController,
    PracticumAdminController,
    RecordingUploadsController,
    PracticeLogsController,
    AttestationsController,
    ApplicationsController,
  ],
  providers: [
    AddressRateLimitGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class ApiModule {}
