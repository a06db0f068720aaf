import { useSyncExternalStore } from 'react';
import { getAccessToken, setAccessToken } from '../api/access-token';
import { CLIENT_HEADER, api, refreshSession, whenSessionEnds } from '../api/client';
import { unwrap } from '../api/problem';
import type { Declared, ResponseBody } from '../api/types';

export type Role = 'trainee' | 'mentor' | 'admin';

/** The signed-in person as /me answers. */
export type SessionUser = Declared<
  ResponseBody<'/api/v1/me', 'get'>,
  { id: string; email: string; displayName: string; roles: Role[]; timeZone: string }
>;

export type SessionState =
  { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: SessionUser };

interface SignedInAnswer {
  accessToken: string;
  user: SessionUser;
}

/**
 * Whether this browser holds a session cookie worth trying: a hint only (never a token), so that a
 * signed-out visit does not ask the API for a refresh it will refuse.
 */
const hint = {
  key: 'msc.session',
  get(): boolean {
    try {
      return window.localStorage.getItem(this.key) === '1';
    } catch {
      return true;
    }
  },
  set(on: boolean): void {
    try {
      if (on) window.localStorage.setItem(this.key, '1');
      else window.localStorage.removeItem(this.key);
    } catch {
      // Storage is off: every load tries the cookie.
    }
  },
};

/** Who is signed in: restored from the refresh cookie on load, kept in memory, never in storage. */
class Session {
  private state: SessionState = { status: 'loading' };
  /** The last signed-in person: signed-in pages still render it while they are being left. */
  lastUser: SessionUser | null = null;
  private readonly listeners = new Set<() => void>();

  constructor() {
    whenSessionEnds(() => this.set({ status: 'signed-out' }));
    this.subscribe(() => hint.set(this.state.status === 'signed-in'));
  }

  get current(): SessionState {
    return this.state;
  }

  get user(): SessionUser | null {
    return this.state.status === 'signed-in' ? this.state.user : null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: SessionState): void {
    this.state = state;
    if (state.status === 'signed-in') this.lastUser = state.user;
    for (const listener of this.listeners) listener();
  }

  private signedIn(answer: SignedInAnswer): SessionUser {
    setAccessToken(answer.accessToken);
    this.set({ status: 'signed-in', user: answer.user });
    return answer.user;
  }

  /** On load: a valid refresh cookie signs the person in again. */
  async restore(): Promise<void> {
    const answer = hint.get() ? await refreshSession().catch(() => null) : null;
    if (answer) this.signedIn(answer as SignedInAnswer);
    else this.set({ status: 'signed-out' });
  }

  async login(body: { email: string; password: string }): Promise<SessionUser> {
    const result = await api.POST('/api/v1/auth/login', { body, headers: CLIENT_HEADER });
    return this.signedIn(unwrap(result) as unknown as SignedInAnswer);
  }

  async register(body: {
    email: string;
    password: string;
    displayName: string;
    timeZone: string;
  }): Promise<SessionUser> {
    const result = await api.POST('/api/v1/auth/register', { body, headers: CLIENT_HEADER });
    return this.signedIn(unwrap(result) as unknown as SignedInAnswer);
  }

  /** Ends the session on the server (revokes the cookie's refresh token family), then here. */
  async logout(): Promise<void> {
    const token = getAccessToken();
    try {
      await fetch('/api/v1/auth/logout', {
        method: 'POST',
        headers: {
          ...CLIENT_HEADER,
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: '{}',
        credentials: 'same-origin',
      });
    } finally {
      setAccessToken(null);
      this.set({ status: 'signed-out' });
    }
  }

  /** After the person changed their profile (name, time zone). */
  updateUser(user: SessionUser): void {
    if (this.state.status === 'signed-in') this.set({ status: 'signed-in', user });
  }
}

export const session = new Session();

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, () => session.current);
}

/** The signed-in person; only for pages behind the signed-in guard (which checked there is one). */
export function useUser(): SessionUser {
  const state = useSession();
  const user = state.status === 'signed-in' ? state.user : session.lastUser;
  if (!user) throw new Error('useUser outside a signed-in page');
  return user;
}

export function hasRole(user: SessionUser | null, role: Role): boolean {
  return Boolean(user?.roles.includes(role));
}
