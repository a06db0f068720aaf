import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@msc/config';
import type { Session } from '@msc/domain/identity';

/** The browser's refresh-token cookie, sent only to the auth routes. */
export const REFRESH_COOKIE = 'msc_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** The header that chooses the cookie transport; a cross-site form cannot send it (CSRF). */
export const WEB_CLIENT_HEADER = 'x-msc-client';

export function isWebClient(request: FastifyRequest): boolean {
  const value = request.headers[WEB_CLIENT_HEADER];
  return typeof value === 'string' && value.trim().toLowerCase() === 'web';
}

export function refreshTokenCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[REFRESH_COOKIE];
  return value ? value : undefined;
}

/**
 * Whether the browser reached us over HTTPS. Fastify ignores X-Forwarded-Proto under a hop count
 * (TRUST_PROXY_HOPS), so the proxy's last entry is read here when proxies are trusted: a client
 * faking it only gets a Secure cookie its own plain-HTTP requests will not carry.
 */
function overHttps(request: FastifyRequest, config: AppConfig): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  if (config.TRUST_PROXY_HOPS === 0 || typeof forwarded !== 'string') return false;
  return forwarded.split(',').pop()!.trim().toLowerCase() === 'https';
}

const cookieOptions = (request: FastifyRequest, config: AppConfig) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  path: REFRESH_COOKIE_PATH,
  secure: overHttps(request, config),
});

export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  refreshToken: string,
  config: AppConfig,
): void {
  reply.setCookie(REFRESH_COOKIE, refreshToken, {
    ...cookieOptions(request, config),
    maxAge: config.REFRESH_TOKEN_TTL_DAYS * 86_400,
  });
}

export function clearRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
): void {
  reply.clearCookie(REFRESH_COOKIE, cookieOptions(request, config));
}

/**
 * The session in the transport the client asked for: a browser (`X-MSC-Client: web`) gets the
 * refresh token as a cookie and not in the body; bearer clients get it in the body.
 */
export function sessionAnswer(
  session: Session,
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
): Omit<Session, 'refreshToken'> & { refreshToken?: string } {
  if (!isWebClient(request)) return session;
  const { refreshToken, ...rest } = session;
  setRefreshCookie(request, reply, refreshToken, config);
  return rest;
}
