import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { jobNamesOf, QueueName } from '@msc/queue';
import { QueueProcessor } from './queue-processor.js';

/** Refuses to boot the worker when a queue has no processor or a job name has no handler. */
@Injectable()
export class JobHandlerCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const processors = new Map<QueueName, QueueProcessor<QueueName>>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof QueueProcessor) {
        const processor = instance as QueueProcessor<QueueName>;
        if (processors.has(processor.queue))
          throw new Error(`two processors for queue ${processor.queue}`);
        processors.set(processor.queue, processor);
      }
    }
    const missing: string[] = [];
    for (const queue of Object.values(QueueName)) {
      const processor = processors.get(queue);
      for (const name of jobNamesOf(queue)) {
        if (
          !processor ||
          typeof (processor.handlers as Record<string, unknown>)[name] !== 'function'
        ) {
          missing.push(`${queue}/${name}`);
        }
      }
    }
    if (missing.length) throw new Error(`the worker has no handler for: ${missing.join(', ')}`);
  }
}
