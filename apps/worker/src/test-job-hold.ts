import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { QueueProcessor } from './queue-processor.js';

/** The line a held job prints on stdout: `MSC_TEST_HOLD <job name> <job id>`. */
export const TEST_HOLD_MARK = 'MSC_TEST_HOLD';

type AnyHandler = (data: unknown, job: Job) => Promise<unknown>;

/**
 * Test only (NODE_ENV=test and TEST_HOLD_JOBS): the handlers of the named jobs run in one
 * transaction that, once their work is done and before it commits, says so on stdout and waits
 * forever. A test kills the worker process there, at a point it can observe, to prove that the
 * work survives a worker dying mid-job. Does nothing in any other environment.
 */
@Injectable()
export class TestJobHold implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  onModuleInit(): void {
    if (this.config.NODE_ENV !== 'test' || !this.config.TEST_HOLD_JOBS) return;
    const held = new Set(this.config.TEST_HOLD_JOBS.split(',').map((name) => name.trim()));
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof QueueProcessor)) continue;
      const handlers = instance.handlers as Record<string, AnyHandler>;
      for (const name of Object.keys(handlers)) {
        if (!held.has(name)) continue;
        const handler = handlers[name]!;
        handlers[name] = (data, job) =>
          this.tx.transaction(async () => {
            await handler(data, job);
            process.stdout.write(`${TEST_HOLD_MARK} ${job.name} ${job.id}\n`);
            return new Promise<never>(() => undefined);
          });
      }
    }
  }
}
