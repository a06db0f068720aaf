import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { JobQueue } from './job-queue.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisModule } from './redis.module.js';
import { UndoneWork } from './undone-work.js';
import { QueueName } from './queue-names.js';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/** BullMQ on the configured Redis, every queue registered, and the JobQueue. */
@Global()
@Module({
  imports: [
    RedisModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.REDIS_PREFIX,
        // BullMQ workers block on Redis: they need maxRetriesPerRequest null.
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
      }),
    }),
    ...queues,
  ],
  providers: [JobQueue, RateLimiter, UndoneWork],
  exports: [JobQueue, RateLimiter, UndoneWork, RedisModule, ...queues],
})
export class QueueModule {}
