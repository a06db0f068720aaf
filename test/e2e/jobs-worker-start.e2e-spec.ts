import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { QueueName } from '@msc/queue';
import { createTestApp, type TestApp } from '@msc/testing';
import { QueueProcessor } from '@msc/worker';

/** Which queue workers run while the root module (the last to initialise) initialises. */
@Injectable()
class RunningDuringInit implements OnModuleInit {
  static seen: string[] | undefined;

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    RunningDuringInit.seen = processorsOf(this.discovery)
      .filter((processor) => processor.worker.isRunning())
      .map((processor) => processor.queue);
  }
}

const processorsOf = (discovery: DiscoveryService) =>
  discovery
    .getProviders()
    .map((wrapper): unknown => wrapper.instance)
    .filter((instance) => instance instanceof QueueProcessor) as QueueProcessor<QueueName>[];

/**
 * A job already waiting when a worker boots (one whose worker died, above all) must not run before
 * the application has initialised: the boot checks and the test hold of jobs-worker-killed wrap
 * the handlers in module init. @nestjs/bullmq builds the BullMQ Workers in the init of a module
 * imported before ours, so they start only on application bootstrap.
 */
describe('queue workers start once the application has initialised (e2e)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({
      role: 'worker',
      imports: [DiscoveryModule],
      providers: [RunningDuringInit],
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('should run no queue worker during module init, and every one after bootstrap', () => {
    expect(RunningDuringInit.seen).toEqual([]);
    const running = processorsOf(app.get(DiscoveryService))
      .filter((processor) => processor.worker.isRunning())
      .map((processor) => processor.queue)
      .sort();
    expect(running).toEqual(Object.values(QueueName).sort());
  });
});
