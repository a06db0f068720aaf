import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { ApiModule } from '@msc/api';
import { AppConfig, ConfigModule, type ProcessRole } from '@msc/config';
import { DbModule } from '@msc/db';
import { QueueModule } from '@msc/queue';
import { WorkerModule } from '@msc/worker';

/** Everything redacted from logs: credentials, tokens and cookies never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  '*.passwordHash',
  '*.privateKey',
  '*.d',
];

/** The log configuration of the process; `destination` lets tests read what would be logged. */
export function loggerParams(
  config: AppConfig,
  role: ProcessRole,
  destination?: DestinationStream,
): Params {
  const options: Options = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req: IncomingMessage) => (req.headers['x-request-id'] as string) ?? randomUUID(),
    customProps: () => ({ role }),
    autoLogging: {
      ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false,
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        // Secrets some links carry in their query (a password-reset token) stay out of the logs.
        url:
          typeof req.url === 'string'
            ? req.url.replace(/([?&](?:token|signature|sig)=)[^&#]*/gi, '$1[redacted]')
            : req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    transport: config.LOG_PRETTY && !destination ? { target: 'pino-pretty' } : undefined,
  };
  return { pinoHttp: destination ? [options, destination] : options };
}

/** The process: config, logs, database and queues, then the HTTP API and/or the worker. */
@Module({})
export class PlatformModule {
  static forRole(role: ProcessRole): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule,
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => loggerParams(config, role),
        }),
        DbModule,
        QueueModule,
        ...(role !== 'worker' ? [ApiModule] : []),
        ...(role !== 'api' ? [WorkerModule] : []),
      ],
    };
  }
}
