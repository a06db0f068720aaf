import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from '@msc/db';
import { CeCreditsModule } from '@msc/domain/ce-credits';
import { NotificationsModule } from '@msc/domain/notifications';
import { JobHandlerCheck } from './job-handler-check.js';
import { CeCreditsProcessor } from './processors/ce-credits.processor.js';
import { NotificationsProcessor } from './processors/notifications.processor.js';

/** BullMQ processors and the outbox relay. */
@Module({
  imports: [DiscoveryModule, NotificationsModule, CeCreditsModule],
  providers: [JobHandlerCheck, OutboxRelay, NotificationsProcessor, CeCreditsProcessor],
  exports: [OutboxRelay],
})
export class WorkerModule {}
