import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { IS_PUBLIC, ROLES, UNPREFIXED_ROUTES } from '@msc/api';
import { createTestApp, type TestApp } from '@msc/testing';

interface Route {
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  roles: string[] | undefined;
}

/**
 * The routes anyone may call without signing in. A route added here is a decision: signing up
 * and signing in, health probes for the load balancer, and what third parties (employers,
 * accreditors) use to verify a credential or a CE certificate without an account. When this test
 * fails because a new public route appeared, add it here only if it must be open to strangers.
 */
const EXPECTED_PUBLIC_ROUTES = [
  // Signing up and signing in (rate limited per address).
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  // Signing out: a browser proves its session with the refresh cookie alone (bearer optional).
  'POST /api/v1/auth/logout',
  // A forgotten password: the reset e-mail and the link's token (rate limited per address).
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  // Probes of the load balancer and the orchestrator.
  'GET /health/live',
  'GET /health/ready',
  // Verifying a credential without an account: the JSON answer, the signed VC, the issuer's keys,
  // the revocation status list a verifier checks, and the human page a QR code points at.
  'GET /api/v1/credentials/:id/verify',
  'GET /api/v1/credentials/:id/vc',
  'GET /.well-known/jwks.json',
  'GET /api/v1/credentials/status/:listId',
  'GET /verify/:id',
  // An accreditor checking a CE certificate.
  'GET /api/v1/ce-credits/:id/verify',
  // Signed, expiring links a holder opens without a token (the signature is checked first).
  'GET /api/v1/signed/ce-credits/:id/certificate.pdf',
  'GET /api/v1/signed/credentials/:id/certificate.pdf',
  'GET /api/v1/signed/recordings/:id/content',
  // A personal calendar feed, subscribed to by calendar apps (random id plus its HMAC).
  'GET /api/v1/calendar-feeds/:token/sessions.ics',
  // CORS preflights of the public verification routes (they answer 204 and nothing else).
  'OPTIONS /.well-known/jwks.json',
  'OPTIONS /api/v1/credentials/status/:listId',
  'OPTIONS /api/v1/credentials/:id/vc',
  'OPTIONS /api/v1/credentials/:id/verify',
  'OPTIONS /verify/:id',
].sort();

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every HTTP route of the running app, found through Nest's discovery, with its access rule. */
function listRoutes(app: TestApp): Route[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const unprefixed = new Set(UNPREFIXED_ROUTES.map((r) => r.path));
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '/');
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as () => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '/');
      for (const prefix of prefixes) {
        for (const path of paths) {
          const local = join(prefix, path);
          const full = unprefixed.has(local.slice(1)) ? local : join('api/v1', local);
          routes.push({
            method: RequestMethod[method],
            path: full,
            controller: type.name,
            handler: name,
            isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, type]) === true,
            roles: reflector.getAllAndOverride<string[] | undefined>(ROLES, [handler, type]),
          });
        }
      }
    }
  }
  return routes;
}

describe('every route declares who may call it (e2e)', () => {
  let app: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    app = await createTestApp();
    routes = listRoutes(app);
  });
  afterAll(() => app.close());

  it('should find the routes of every controller', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'GET', path: '/api/v1/me', roles: [] }),
        expect.objectContaining({
          method: 'PUT',
          path: '/api/v1/users/:id/roles',
          roles: ['admin'],
        }),
        expect.objectContaining({ method: 'GET', path: '/health/live', isPublic: true }),
      ]),
    );
  });

  it('should find no route that is neither @Public() nor @Roles()/@SignedIn()', () => {
    const unguarded = routes
      .filter((r) => !r.isPublic && r.roles === undefined)
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);

    expect(unguarded).toEqual([]);
  });

  it('should find no route that is both public and restricted to roles', () => {
    const confused = routes
      .filter((r) => r.isPublic && r.roles !== undefined && r.roles.length > 0)
      .map((r) => `${r.method} ${r.path}`);

    expect(confused).toEqual([]);
  });

  it('should open exactly the intended routes to strangers', () => {
    const open = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);

    expect([...new Set(open)].sort()).toEqual(EXPECTED_PUBLIC_ROUTES);
  });

  it('should answer 401 to every non-public route called without a token', async () => {
    const answers: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const path = route.path.replace(/:[A-Za-z]+/g, randomUUID());
      const res = await request(app.server)[
        route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
      ](path);
      if (res.status !== 401) answers.push(`${route.method} ${route.path} answered ${res.status}`);
    }

    expect(answers).toEqual([]);
  });
});
