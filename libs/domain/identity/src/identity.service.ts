import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, Role } from '@msc/kernel';
import { type EmailAction, Notifier } from '@msc/domain/notifications';
import { RateLimiter } from '@msc/queue';
import { AccessTokens } from './access-tokens.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import {
  type AdminUserView,
  toAdminUserView,
  toUserView,
  type UserRow,
  type UserView,
} from './user.view.js';
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

/** How long a password-reset link works. */
export const PASSWORD_RESET_VALID_SECONDS = 3600;

/** The e-mail link minter of password resets (registered with the notifications context). */
export const PASSWORD_RESET_MINTER = 'identity.password_reset';

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
    private readonly resets: PasswordResetsRepository,
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
        body: `Welcome, ${row.display_name}: your account is ready. Your progress page shows your next step.`,
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
    // Only after the password is right, so that the answer tells a stranger nothing.
    if (found.deactivated_at) throw accountDeactivated();
    const { password_hash: hash, ...row } = found;
    if (this.hasher.needsRehash(hash)) await this.rehash(row.id, hash, password);
    return this.tx.transaction(() => this.startSession(row));
  }

  /** Upgrades a hash made with older parameters, now that the password is at hand. */
  private async rehash(userId: string, oldHash: string, password: string): Promise<void> {
    try {
      await this.users.setPasswordHash(userId, await this.hasher.hash(password), oldHash);
    } catch (error) {
      // The sign-in stands; the upgrade is tried again at the next one.
      this.logger.warn({ err: error, userId }, 'could not rehash a password');
    }
  }

  /**
   * Rotates a refresh token. A token rotated less than REFRESH_TOKEN_REUSE_GRACE_SECONDS ago
   * yields a sibling in its family (two tabs refreshing at once both stay signed in); presenting
   * it later revokes the whole family, as it was stolen or replayed.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.tx.transaction(async () => {
      const token = await this.refreshTokens.findByHashForUpdate(sha256(refreshToken));
      if (!token) return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      if (token.revoked_at) return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      if (token.expires_at.getTime() <= Date.now())
        return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      if (token.rotated_at) {
        const graceMs = this.config.REFRESH_TOKEN_REUSE_GRACE_SECONDS * 1000;
        if (Date.now() - token.rotated_at.getTime() >= graceMs) {
          await this.refreshTokens.revokeFamily(token.family_id);
          await this.audit.record({
            actorId: token.user_id,
            action: 'auth.refresh_token_reused',
            subject: `user/${token.user_id}`,
            details: { familyId: token.family_id },
          });
          return { error: IdentityErrorCode.RefreshTokenReused } as const;
        }
      } else {
        await this.refreshTokens.markRotated(token.id);
      }
      const user = await this.users.findById(token.user_id);
      if (!user) return { error: IdentityErrorCode.InvalidRefreshToken } as const;
      if (user.deactivated_at) return { error: IdentityErrorCode.AccountDeactivated } as const;
      const pair = await this.issueTokens(token.user_id, token.family_id);
      return { session: { user: toUserView(user), ...pair }, error: undefined };
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
      if (outcome.error === IdentityErrorCode.AccountDeactivated) throw accountDeactivated();
      throw new IdentityError(outcome.error, 'The refresh token is not valid');
    }
    return outcome.session!;
  }

  /** Signs out one session: revokes the refresh token's family, when it is the actor's. */
  async logout(actor: Actor | null, refreshToken: string): Promise<void> {
    await this.tx.transaction(async () => {
      const token = await this.refreshTokens.findByHashForUpdate(sha256(refreshToken));
      // Without an actor, holding the refresh token is the proof (the browser's cookie).
      if (token && (actor === null || token.user_id === actor.id))
        await this.refreshTokens.revokeFamily(token.family_id);
    });
  }

  /** Changes the display name and/or the time zone. */
  async updateProfile(
    actor: Actor,
    input: { displayName?: string; timeZone?: string },
  ): Promise<UserView> {
    const displayName = input.displayName?.trim();
    if (input.timeZone !== undefined) this.checkTimeZone(input.timeZone);
    return this.tx.transaction(async () => {
      const row = await this.users.updateProfile(actor.id, {
        displayName: displayName || undefined,
        timeZone: input.timeZone,
      });
      if (!row) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user');
      await this.audit.record({
        actorId: actor.id,
        action: 'user.profile_updated',
        subject: `user/${actor.id}`,
        details: {
          ...(displayName ? { displayName } : {}),
          ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        },
      });
      return toUserView(row);
    });
  }

  /**
   * Changes the password after checking the current one (403 when wrong). Every other session of
   * the person is signed out; the one that made the change (its access token's session) stays.
   */
  async changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string; sessionId?: string },
  ): Promise<void> {
    const found = await this.users.findCredentialsById(actor.id);
    if (!found) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user');
    if (!(await this.hasher.verify(found.password_hash, input.currentPassword))) {
      throw new IdentityError(IdentityErrorCode.WrongPassword, 'The current password is wrong');
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.tx.transaction(async () => {
      await this.users.setPasswordHash(actor.id, passwordHash);
      await this.refreshTokens.revokeOtherFamilies(actor.id, input.sessionId);
      await this.resets.closeAllOfUser(actor.id);
      await this.audit.record({
        actorId: actor.id,
        action: 'user.password_changed',
        subject: `user/${actor.id}`,
        details: { keptSession: input.sessionId ?? null },
      });
    });
  }

  /**
   * Starts a password reset. Answers the same, in about the same time, whether or not the e-mail
   * is known: the same rate counter and one statement either way. A known account gets an e-mail
   * (at most PASSWORD_RESET_EMAILS_PER_HOUR an hour) whose link is made when it is sent.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const normalized = normalizeEmail(email);
    const emailHash = sha256(normalized);
    const quota = await this.limiter.hit(
      `password-reset:${emailHash}`,
      this.config.PASSWORD_RESET_EMAILS_PER_HOUR,
      3600,
    );
    await this.tx.transaction(async () => {
      const reset = quota.allowed
        ? await this.resets.createForEmail(normalized, PASSWORD_RESET_VALID_SECONDS)
        : null;
      if (reset) {
        await this.notifier.notify({
          userId: reset.user_id,
          dedupeKey: `password-reset-${reset.id}`,
          kind: 'password_reset',
          title: 'Reset your MSC Pathway password',
          body:
            'Someone, hopefully you, asked on {requestedAt} to reset the password of your account. ' +
            'The link in the e-mail we sent works once, for one hour. ' +
            'If it was not you, ignore it: your password stays as it is.',
          times: { requestedAt: reset.created_at.toISOString() },
          email: true,
          secretLink: { minter: PASSWORD_RESET_MINTER, ref: reset.id },
        });
      }
      await this.audit.record({
        actorId: null,
        action: 'auth.password_reset_requested',
        subject: reset ? `user/${reset.user_id}` : 'user/unknown',
        // The e-mail's digest, never the address: the audit log must not collect unknown addresses.
        details: { emailSha256: emailHash, emailed: reset !== null, limited: !quota.allowed },
      });
    });
  }

  /** Makes the link of a password-reset e-mail as it is sent: a new token, its hash kept. */
  async mintPasswordResetLink(resetId: string): Promise<EmailAction | null> {
    const token = randomBytes(32).toString('base64url');
    if (!(await this.resets.setToken(resetId, sha256(token)))) return null;
    return {
      url: `${this.config.PUBLIC_BASE_URL}/reset-password?token=${token}`,
      label: 'Choose a new password',
    };
  }

  /** Sets the new password with a reset token; every session of the person is signed out. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const tokenHash = sha256(token);
    const found = await this.resets.findByTokenForUpdate(tokenHash);
    if (!found || found.used_at || found.expires_at.getTime() <= Date.now()) throw invalidReset();
    // Hashed outside the transaction (it takes a core for a while); the token is checked again inside.
    const passwordHash = await this.hasher.hash(password);
    await this.tx.transaction(async () => {
      const reset = await this.resets.findByTokenForUpdate(tokenHash);
      if (!reset || reset.used_at || reset.expires_at.getTime() <= Date.now()) throw invalidReset();
      await this.users.setPasswordHash(reset.user_id, passwordHash);
      await this.resets.closeAllOfUser(reset.user_id);
      await this.refreshTokens.revokeAllOfUser(reset.user_id);
      await this.limiter.reset(`login-failures:${await this.emailHashOf(reset.user_id)}`);
      await this.audit.record({
        actorId: reset.user_id,
        action: 'auth.password_reset',
        subject: `user/${reset.user_id}`,
        details: { resetId: reset.id },
      });
    });
  }

  private async emailHashOf(userId: string): Promise<string> {
    const row = await this.users.findById(userId);
    return sha256(row?.email ?? '');
  }

  async authenticate(accessToken: string): Promise<UserView> {
    const { userId } = await this.accessTokens.verify(accessToken);
    const row = await this.users.findById(userId);
    if (!row)
      throw new IdentityError(IdentityErrorCode.InvalidAccessToken, 'The account no longer exists');
    // Read per request: a deactivation stops the access tokens already out at their next use.
    if (row.deactivated_at) throw accountDeactivated();
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

  async listUsers(filter: { role?: Role; q?: string; limit: number; offset: number }) {
    const { items, total } = await this.users.list(filter);
    return { items: items.map(toAdminUserView), total };
  }

  /**
   * Deactivates a person: they cannot sign in, their refresh tokens are revoked and their access
   * tokens stop at the next request; their records stay. An admin cannot deactivate themselves.
   */
  async deactivateUser(actor: Actor, userId: string): Promise<AdminUserView> {
    if (actor.id === userId)
      throw new IdentityError(
        IdentityErrorCode.CannotDeactivateSelf,
        'You cannot deactivate your own account; ask another admin',
      );
    return this.tx.transaction(async () => {
      const before = await this.users.findById(userId);
      if (!before) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user');
      const row = (await this.users.setDeactivated(userId, true))!;
      await this.refreshTokens.revokeAllOfUser(userId);
      if (!before.deactivated_at)
        await this.audit.record({
          actorId: actor.id,
          action: 'user.deactivated',
          subject: `user/${userId}`,
        });
      return toAdminUserView(row);
    });
  }

  /** Lets a deactivated person sign in again (with their old password). */
  async reactivateUser(actor: Actor, userId: string): Promise<AdminUserView> {
    return this.tx.transaction(async () => {
      const before = await this.users.findById(userId);
      if (!before) throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user');
      const row = (await this.users.setDeactivated(userId, false))!;
      if (before.deactivated_at)
        await this.audit.record({
          actorId: actor.id,
          action: 'user.reactivated',
          subject: `user/${userId}`,
        });
      return toAdminUserView(row);
    });
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
      accessToken: await this.accessTokens.sign(userId, familyId),
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

function accountDeactivated(): IdentityError {
  return new IdentityError(
    IdentityErrorCode.AccountDeactivated,
    'This account has been deactivated; ask an administrator to reactivate it',
  );
}

function invalidReset(): IdentityError {
  return new IdentityError(
    IdentityErrorCode.InvalidResetToken,
    'This reset link is not valid: it was used, it expired, or it was never sent. Ask for a new one.',
  );
}

function uniqueRoles(roles: Role[]): Role[] {
  return [...new Set(roles)].sort();
}
