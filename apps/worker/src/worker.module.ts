import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from '@msc/db';
import { NotificationsModule } from '@msc/domain/notifications';
import { JobHandlerCheck } from './job-handler-check.js';
import { NotificationsProcessor } from './processors/notifications.processor.js';

/** BullMQ processors and the outbox relay. */
@Module({
  imports: [DiscoveryModule, NotificationsModule],
  providers: [JobHandlerCheck, OutboxRelay, NotificationsProcessor],
  exports: [OutboxRelay],
})
export class WorkerModule {}
