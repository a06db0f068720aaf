import createClient from 'openapi-fetch';
import { getAccessToken, setAccessToken } from './access-token';
import type { paths } from './schema';

/** Marks the request as the web app's: the API then keeps the refresh token in an HttpOnly cookie. */
export const CLIENT_HEADER = { 'X-MSC-Client': 'web' } as const;

const AUTH_PATHS = /\/api\/v1\/auth\//;

let refreshing: Promise<RefreshAnswer | null> | null = null;
let onSessionEnded: (() => void) | null = null;

/** Called when a refresh fails: the cookie is gone or revoked, so the person is signed out. */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

export interface RefreshAnswer {
  accessToken: string;
  user: unknown;
}

async function exchangeCookie(): Promise<RefreshAnswer | null> {
  const response = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { ...CLIENT_HEADER, 'Content-Type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  });
  if (!response.ok) {
    setAccessToken(null);
    return null;
  }
  const body = (await response.json()) as RefreshAnswer;
  setAccessToken(body.accessToken);
  return body;
}

/**
 * Exchanges the refresh cookie for a new access token; concurrent callers share one request, so
 * the rotating refresh token is spent once.
 */
export function refreshSession(): Promise<RefreshAnswer | null> {
  refreshing ??= exchangeCookie().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function withHeaders(request: Request, token: string | null): Request {
  const next = new Request(request);
  next.headers.set('X-MSC-Client', 'web');
  if (token) next.headers.set('Authorization', `Bearer ${token}`);
  return next;
}

/** Adds the bearer token; on a 401 refreshes once through the cookie and retries. */
async function authorizedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const response = await fetch(withHeaders(input, getAccessToken()));
  if (response.status !== 401 || AUTH_PATHS.test(new URL(input.url).pathname)) return response;
  const refreshed = await refreshSession();
  if (!refreshed) {
    onSessionEnded?.();
    return response;
  }
  return fetch(withHeaders(retry, refreshed.accessToken));
}

/** The one client of the API, typed by the generated OpenAPI schema. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: authorizedFetch,
  credentials: 'same-origin',
});
