import type { DiscoveryService } from '@nestjs/core';
import type { AppConfig } from '@msc/config';
import { jobNamesOf, QueueName } from '@msc/queue';
import { JobHandlerCheck } from './job-handler-check.js';
import { QueueProcessor } from './queue-processor.js';

type AnyHandlers = Record<string, (data: unknown) => Promise<unknown>>;

class FakeProcessor extends QueueProcessor<QueueName> {
  readonly handlers: never;

  constructor(
    readonly queue: QueueName,
    handlers: AnyHandlers,
  ) {
    super({ WORKER_CONCURRENCY: 1 } as AppConfig);
    this.handlers = handlers as never;
  }
}

const handled = (queue: QueueName): AnyHandlers =>
  Object.fromEntries(jobNamesOf(queue).map((name) => [name, () => Promise.resolve(name)]));

const completeProcessors = () =>
  Object.values(QueueName).map((queue) => new FakeProcessor(queue, handled(queue)));

function checkWith(providers: unknown[]): JobHandlerCheck {
  const discovery = {
    getProviders: () => providers.map((instance) => ({ instance })),
  } as unknown as DiscoveryService;
  return new JobHandlerCheck(discovery);
}

describe(JobHandlerCheck.name, () => {
  it('should boot when every job name of every queue has a handler', () => {
    const sut = checkWith([{ unrelated: true }, null, ...completeProcessors()]);

    expect(() => sut.onModuleInit()).not.toThrow();
  });

  it('should refuse to boot when a processor lacks the handler of one job name', () => {
    const [first, ...others] = completeProcessors();
    const name = jobNamesOf(first!.queue)[0]!;
    const { [name]: _dropped, ...rest } = handled(first!.queue);
    const sut = checkWith([new FakeProcessor(first!.queue, rest), ...others]);

    expect(() => sut.onModuleInit()).toThrow(
      `the worker has no handler for: ${first!.queue}/${name}`,
    );
  });

  it('should refuse to boot when a handler is not a function', () => {
    const queue = QueueName.Notifications;
    const name = jobNamesOf(queue)[0]!;
    const broken = new FakeProcessor(queue, { ...handled(queue), [name]: 'oops' as never });
    const others = completeProcessors().filter((p) => p.queue !== queue);
    const sut = checkWith([broken, ...others]);

    expect(() => sut.onModuleInit()).toThrow(`${queue}/${name}`);
  });

  it('should refuse to boot when a queue has no processor at all', () => {
    const others = completeProcessors().filter((p) => p.queue !== QueueName.CeCredits);
    const sut = checkWith(others);

    for (const name of jobNamesOf(QueueName.CeCredits)) {
      expect(() => sut.onModuleInit()).toThrow(`${QueueName.CeCredits}/${name}`);
    }
  });

  it('should refuse two processors for one queue', () => {
    const sut = checkWith([
      ...completeProcessors(),
      new FakeProcessor(QueueName.Notifications, handled(QueueName.Notifications)),
    ]);

    expect(() => sut.onModuleInit()).toThrow(`two processors for queue ${QueueName.Notifications}`);
  });
});
