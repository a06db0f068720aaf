/** The access token lives in memory only; the refresh token is an HttpOnly cookie the page never sees. */
let accessToken: string | null = null;

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}
