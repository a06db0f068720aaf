import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import {
  type DynamicModule,
  type INestApplication,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@msc/config';
import { registerEarlyRefusalHandling, refuseNulInUrl } from './http/early-refusal.js';
import { registerJsonBodyParser } from './http/json-body-parser.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Paths served outside /api/v1. */
export const UNPREFIXED_ROUTES = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  { path: '.well-known/jwks.json', method: RequestMethod.GET },
  { path: 'verify/:id', method: RequestMethod.GET },
  // CORS preflights of the public verification routes.
  { path: '.well-known/jwks.json', method: RequestMethod.OPTIONS },
  { path: 'verify/:id', method: RequestMethod.OPTIONS },
];

/** The Fastify adapter with the body limit, proxy trust and request ids of the configuration. */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Fastify takes a hop count, although the adapter's type does not say so.
    trustProxy: (config.TRUST_PROXY_HOPS > 0 ? config.TRUST_PROXY_HOPS : false) as boolean,
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => {
      const given = raw.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      raw.headers['x-request-id'] = id;
      return id;
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A client that stalls (mid-body, or idle on a kept-alive connection) is disconnected after
    // REQUEST_IDLE_TIMEOUT_MS of silence; the whole request must arrive within REQUEST_TIMEOUT_MS.
    connectionTimeout: config.REQUEST_IDLE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
  });
}

/** The OpenAPI document (after the global prefix is set): /docs-json and `npm run openapi`. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MSC certification pathway API')
      .setDescription(
        'Courses, practice, teacher training, practicum and credentials of the MSC teacher pathway.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/** Plugins, prefix and OpenAPI: the same for `npm start` and for the tests. */
export async function configureHttpApp(
  app: NestFastifyApplication,
  // Jest (on Node 20) cannot load @fastify/static, which serves the UI's assets; tests use docs-json.
  options: { swaggerUi?: boolean } = {},
): Promise<void> {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Bad input is refused before any work: NUL in the URL, JSON too deep or carrying NUL.
  fastify.addHook('onRequest', refuseNulInUrl);
  registerJsonBodyParser(fastify, app.get(AppConfig, { strict: false }).JSON_MAX_DEPTH);
  registerEarlyRefusalHandling(fastify);
  // helmet's headers, its middleware made once: @fastify/helmet made it again on every request
  // (directives parsed and all), 2.5-5 % of a request's CPU in a profile of GET /me.
  const securityHeaders = helmet({
    // The OpenAPI UI needs inline scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  // Reads the browser's refresh-token cookie (msc_refresh) on the auth routes.
  await app.register(cookie);
  await app.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 64 * 1024 } });
  app.setGlobalPrefix('api/v1', { exclude: UNPREFIXED_ROUTES });
  // Built on the first request for it, not at every start (scanning every route and DTO costs
  // most of a second of CPU, which each test app paid).
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
    swaggerUiEnabled: options.swaggerUi ?? true,
  });
}

/** Builds the Fastify-based Nest application of `npm start`. */
export async function createHttpApp(
  module: Type | DynamicModule,
  config: AppConfig,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module as Type,
    createFastifyAdapter(config),
    {
      bufferLogs: true,
      // The JSON parser is the platform's own (depth and NUL checks): see configureHttpApp.
      bodyParser: false,
      abortOnError: false,
    },
  );
  await configureHttpApp(app);
  // Loaded here, not at the top: jest (Node 20) cannot load @fastify/static, and tests skip this path.
  const { serveWebApp } = await import('./web/web-app.js');
  if (!(await serveWebApp(app)))
    app.get(Logger).warn('web app not built (dist/web): serving the API only');
  return app;
}
