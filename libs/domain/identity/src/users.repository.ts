import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { Role } from '@msc/kernel';
import { USER_COLUMNS, type UserRow } from './user.view.js';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  roles: Role[];
  timeZone: string;
}

/** Users, read and written with explicit columns. */
@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the user, or returns null when the e-mail is taken. */
  async insert(user: NewUser): Promise<UserRow | null> {
    const rows = await this.tx.query<UserRow>(
      `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
       VALUES ($1, $2, $3, $4::text[], $5)
       ON CONFLICT (email) DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [user.email, user.passwordHash, user.displayName, user.roles, user.timeZone],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<UserRow | null> {
    // Prepared: every authenticated request reads its user by id.
    const rows = await this.tx.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`,
      [id],
      { prepare: true },
    );
    return rows[0] ?? null;
  }

  async findCredentials(email: string): Promise<(UserRow & { password_hash: string }) | null> {
    const rows = await this.tx.query<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = $1`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findCredentialsById(id: string): Promise<(UserRow & { password_hash: string }) | null> {
    const rows = await this.tx.query<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Changes the given fields only; null when there is no such user. */
  async updateProfile(
    id: string,
    profile: { displayName?: string; timeZone?: string },
  ): Promise<UserRow | null> {
    const rows = await this.tx.query<UserRow>(
      `UPDATE users SET display_name = COALESCE($2, display_name),
                        time_zone = COALESCE($3, time_zone), updated_at = now()
       WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, profile.displayName ?? null, profile.timeZone ?? null],
    );
    return rows[0] ?? null;
  }

  /**
   * Replaces the hash; with `expected`, only while it is still that hash (a rehash on sign-in must
   * not undo a password change that happened meanwhile).
   */
  async setPasswordHash(id: string, passwordHash: string, expected?: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE users SET password_hash = $2, updated_at = now()
       WHERE id = $1 AND ($3::text IS NULL OR password_hash = $3) RETURNING id`,
      [id, passwordHash, expected ?? null],
    );
    return rows.length > 0;
  }

  /**
   * A page of users, optionally of one role and matching `q` (a part of the display name or of
   * the e-mail, case-insensitive; `%` and `_` are taken literally).
   */
  async list(filter: {
    role?: Role;
    q?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: UserRow[]; total: number }> {
    const q = filter.q?.trim();
    const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    // created_at is selected for the order only; the views leave it out. `roles @>` rather than
    // `= ANY(roles)`: the GIN index on roles answers the former.
    return this.tx.page<UserRow>(
      {
        sql: `SELECT ${USER_COLUMNS}, created_at FROM users
              WHERE ($1::text IS NULL OR roles @> ARRAY[$1::text])
                AND ($2::text IS NULL OR display_name ILIKE $2 OR email ILIKE $2)`,
        params: [filter.role ?? null, pattern],
        orderBy: 'created_at, id',
        // A search reads every user whatever the order: count in that one scan.
        total: pattern ? 'window' : 'apart',
      },
      filter,
    );
  }

  /** Sets or clears deactivated_at (keeping the first date when already deactivated). */
  async setDeactivated(id: string, deactivated: boolean): Promise<UserRow | null> {
    const rows = await this.tx.query<UserRow>(
      `UPDATE users SET deactivated_at = CASE WHEN $2 THEN COALESCE(deactivated_at, now()) END,
                        updated_at = now()
       WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, deactivated],
    );
    return rows[0] ?? null;
  }

  async setRoles(id: string, roles: Role[]): Promise<UserRow | null> {
    const rows = await this.tx.query<UserRow>(
      `UPDATE users SET roles = $2::text[], updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, roles],
    );
    return rows[0] ?? null;
  }

  /** Locks the admins, so that two concurrent demotions cannot both leave none. */
  async countAdminsForUpdate(): Promise<number> {
    const rows = await this.tx.query<{ id: string }>(
      "SELECT id FROM users WHERE 'admin' = ANY(roles) FOR UPDATE",
    );
    return rows.length;
  }
}
