import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, Role } from '@msc/domain/kernel';
import { Notifier } from '@msc/domain/notifications';
import { RateLimiter } from '@msc/queue';
import { AccessTokens } from './access-tokens.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { toUserView, type UserRow, type UserView } from './user.view.js';
import { UsersRepository } from './users.repository.js';

export interface Session {
  user: UserView;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Accounts, sign-in, token rotation and roles. */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  async register(input: {
    email: string;
    password: string;
    displayName: string;
    timeZone?: string;
  }): Promise<Session> {
    const timeZone = this.checkTimeZone(input.timeZone ?? 'UTC');
    const passwordHash = await this.hasher.hash(input.password);
    return this.tx.transaction(async () => {
      const row = await this.users.insert({
        email: normalizeEmail(input.email),
        passwordHash,
        displayName: input.displayName.trim(),
        roles: [Role.Trainee],
        timeZone,
      });
      if (!row)
        throw new IdentityError(
          IdentityErrorCode.EmailTaken,
          'An account with this e-mail already exists',
        );
      await this.audit.record({
        actorId: row.id,
        action: 'user.registered',
        subject: `user/${row.id}`,
      });
      await this.notifier.notify({
        userId: row.id,
        dedupeKey: `welcome-${row.id}`,
        kind: 'welcome',
        title: 'Welcome to the MSC teacher pathway',
        body: `Hello ${row.display_name}, your account is ready. Your progress page shows your next step.`,
        email: true,
      });
      return this.startSession(row);
    });
  }

  async login(email: string, password: string): Promise<Session> {
    const key = `login-failures:${sha256(normalizeEmail(email))}`;
    const limit = this.config.LOGIN_FAILURES_PER_ACCOUNT;
    const window = this.config.LOGIN_FAILURE_WINDOW_SECONDS;
    const current = await this.limiter.peek(key, limit);
    if (!current.allowed) {
      throw new IdentityError(
        IdentityErrorCode.TooManyFailedLogins,
        'Too many failed sign-ins; try again later',
        {
          retryAfterSeconds: current.retryAfterSeconds,
        },
      );
    }
    const found = await this.users.findCredentials(normalizeEmail(email));
    const ok = found
      ? await this.hasher.verify(found.password_hash, password)
      : await this.hasher.verifyNothing(password);
    if (!found || !ok) {
      await this.limiter.hit(key, limit, window);
      throw new IdentityError(
        IdentityErrorCode.InvalidCredentials,
        'The e-mail or password is wrong',
      );
    }
    await this.limiter.reset(key);
    const { password_hash: _hash, ...row } = found;
    return this.tx.transaction(() => this.startSession(row));
  }

  /** Rotates a refresh token; presenting an already rotated one revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.tx.transaction(async () => {
      const token = await this.refreshTokens.findByHashForUpdate(sha256(refreshToken));
      if (!token) return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      if (token.revoked_at) return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      if (token.rotated_at) {
        await this.refreshTokens.revokeFamily(token.family_id);
        await this.audit.record({
          actorId: token.user_id,
          action: 'auth.refresh_token_reused',
          subject: `user/${token.user_id}`,
          details: { familyId: token.family_id },
        });
        return { error: IdentityErrorCode.RefreshTokenReused } as const;
      }
      if (token.expires_at.getTime() <= Date.now())
        return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      await this.refreshTokens.markRotated(token.id);
      const pair = await this.issueTokens(token.user_id, token.family_id);
      return { pair, error: undefined };
    });
    // The family's revocation must commit even though the caller is refused.
    if (outcome.error !== undefined) {
      if (outcome.error === IdentityErrorCode.RefreshTokenReused) {
        this.logger.warn('refresh token reuse detected; family revoked');
        throw new IdentityError(
          outcome.error,
          'This refresh token was already used; sign in again',
        );
      }
      throw new IdentityError(outcome.error, 'The refresh token is not valid');
    }
    return outcome.pair!;
  }

  async logout(actor: Actor, refreshToken: string): Promise<void> {
    await this.tx.transaction(async () => {
      const token = await this.refreshTokens.findByHashForUpdate(sha256(refreshToken));
      if (token && token.user_id === actor.id)
        await this.refreshTokens.revokeFamily(token.family_id);
    });
  }

  async authenticate(accessToken: string): Promise<UserView> {
    const { userId } = await this.accessTokens.verify(accessToken);
    const row = await this.users.findById(userId);
    if (!row)
      throw new IdentityError(IdentityErrorCode.InvalidAccessToken, 'The account no longer exists');
    return toUserView(row);
  }

  async getUser(id: string): Promise<UserView> {
    const row = await this.users.findById(id);
    if (!row) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user');
    return toUserView(row);
  }

  async createUser(
    actor: Actor,
    input: {
      email: string;
      password: string;
      displayName: string;
      roles: Role[];
      timeZone?: string;
    },
  ): Promise<UserView> {
    const timeZone = this.checkTimeZone(input.timeZone ?? 'UTC');
    const passwordHash = await this.hasher.hash(input.password);
    return this.tx.transaction(async () => {
      const row = await this.users.insert({
        email: normalizeEmail(input.email),
        passwordHash,
        displayName: input.displayName.trim(),
        roles: uniqueRoles(input.roles),
        timeZone,
      });
      if (!row)
        throw new IdentityError(
          IdentityErrorCode.EmailTaken,
          'An account with this e-mail already exists',
        );
      await this.audit.record({
        actorId: actor.id,
        action: 'user.created',
        subject: `user/${row.id}`,
        details: { roles: row.roles },
      });
      return toUserView(row);
    });
  }

  async listUsers(filter: { role?: Role; limit: number; offset: number }) {
    const { items, total } = await this.users.list(filter);
    return { items: items.map(toUserView), total };
  }

  async setRoles(actor: Actor, userId: string, roles: Role[]): Promise<UserView> {
    const next = uniqueRoles(roles);
    return this.tx.transaction(async () => {
      const before = await this.users.findById(userId);
      if (!before) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user');
      if (before.roles.includes(Role.Admin) && !next.includes(Role.Admin)) {
        if ((await this.users.countAdminsForUpdate()) <= 1) {
          throw new IdentityError(
            IdentityErrorCode.LastAdmin,
            'The last admin cannot lose the admin role',
          );
        }
      }
      const row = (await this.users.setRoles(userId, next))!;
      await this.audit.record({
        actorId: actor.id,
        action: 'user.roles_changed',
        subject: `user/${userId}`,
        details: { from: before.roles, to: row.roles },
      });
      return toUserView(row);
    });
  }

  /** Makes sure the configured first admin exists and holds the admin role (safe to race). */
  async bootstrapAdmin(
    email: string,
    password: string,
  ): Promise<'created' | 'promoted' | 'present'> {
    const normalized = normalizeEmail(email);
    const existing = await this.users.findCredentials(normalized);
    if (existing) {
      if (existing.roles.includes(Role.Admin)) return 'present';
      await this.tx.transaction(async () => {
        await this.users.setRoles(existing.id, uniqueRoles([...existing.roles, Role.Admin]));
        await this.audit.record({
          actorId: null,
          action: 'user.bootstrap_admin_promoted',
          subject: `user/${existing.id}`,
        });
      });
      return 'promoted';
    }
    const passwordHash = await this.hasher.hash(password);
    return this.tx.transaction(async () => {
      const row = await this.users.insert({
        email: normalized,
        passwordHash,
        displayName: 'Administrator',
        roles: [Role.Admin],
        timeZone: 'UTC',
      });
      if (!row) return 'present';
      await this.audit.record({
        actorId: null,
        action: 'user.bootstrap_admin_created',
        subject: `user/${row.id}`,
      });
      return 'created';
    });
  }

  private async startSession(row: UserRow): Promise<Session> {
    const pair = await this.issueTokens(row.id, randomUUID());
    return { user: toUserView(row), ...pair };
  }

  private async issueTokens(userId: string, familyId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await this.refreshTokens.insert({
      familyId,
      userId,
      tokenHash: sha256(refreshToken),
      expiresAt,
    });
    return {
      accessToken: await this.accessTokens.sign(userId),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }

  private checkTimeZone(zone: string): string {
    if (!isTimeZone(zone)) {
      throw new IdentityError(
        IdentityErrorCode.InvalidTimeZone,
        `"${zone}" is not an IANA time zone`,
      );
    }
    return zone;
  }
}

function uniqueRoles(roles: Role[]): Role[] {
  return [...new Set(roles)].sort();
}
