import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from '@msc/db';
import { ApplicationsModule } from '@msc/domain/applications';
import { CeCreditsModule } from '@msc/domain/ce-credits';
import { CoursesModule, PracticeModule } from '@msc/domain/courses';
import { CredentialsModule } from '@msc/domain/credentials';
import { IdentityModule } from '@msc/domain/identity';
import { MaintenanceModule } from '@msc/domain/maintenance';
import { NotificationsModule } from '@msc/domain/notifications';
import { PracticumModule } from '@msc/domain/practicum';
import { JobHandlerCheck } from './job-handler-check.js';
import { CeCreditsProcessor } from './processors/ce-credits.processor.js';
import { CredentialsProcessor } from './processors/credentials.processor.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { NotificationsProcessor } from './processors/notifications.processor.js';
import { RecordingsProcessor } from './processors/recordings.processor.js';
import { SchedulingProcessor } from './processors/scheduling.processor.js';
import { TestJobHold } from './test-job-hold.js';

/** BullMQ processors and the outbox relay. */
@Module({
  imports: [
    DiscoveryModule,
    NotificationsModule,
    // Registers the minter of password-reset links, which the e-mail needs as it is sent.
    IdentityModule,
    CeCreditsModule,
    CredentialsModule,
    CoursesModule,
    PracticumModule,
    PracticeModule,
    ApplicationsModule,
    MaintenanceModule,
  ],
  providers: [
    JobHandlerCheck,
    TestJobHold,
    OutboxRelay,
    NotificationsProcessor,
    CeCreditsProcessor,
    CredentialsProcessor,
    SchedulingProcessor,
    RecordingsProcessor,
    MaintenanceProcessor,
  ],
  exports: [OutboxRelay],
})
export class WorkerModule {}
