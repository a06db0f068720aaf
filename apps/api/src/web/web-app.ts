import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the web app: dist/web beside dist/apps (this file is dist/apps/api/src/web). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../../web/', import.meta.url));

/** Paths the API answers itself; the app's index.html is never their fallback. */
const SERVER_PATHS = /^\/(api|health|docs|\.well-known|verify)(\/|$|-json)/;

/**
 * The policy of the app's pages: its own scripts only, Mantine's runtime styles, media and images
 * from this origin (blob: for recordings picked before upload). /docs keeps helmet's looser one.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HASHED_ASSET = /^\/?assets\//;

/** True for a path the SPA should answer: not a server path and not a file name. */
export function isAppPath(path: string): boolean {
  if (SERVER_PATHS.test(path)) return false;
  const last = path.split('/').pop() ?? '';
  return !last.includes('.');
}

/**
 * Serves the built web app from the API process: hashed assets cached for a year, index.html
 * never cached, and index.html for every GET of an app path so reloads and pasted links work.
 * Returns false (and serves nothing) when the app has not been built.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  dir: string = WEB_DIST_DIR,
): Promise<boolean> {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    globIgnore: ['index.html', '**/*.map'],
    setHeaders: (reply, path) => {
      const relative = path.slice(dir.length);
      reply.header(
        'cache-control',
        HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (!isAppPath(path)) return reply.callNotFound();
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', WEB_APP_CSP)
      .send(indexHtml);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
