import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';

export interface PasswordResetRow {
  id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * One statement whether or not the e-mail is known (the answer must not tell them apart, not
   * even by its time): a reset for the account of that e-mail, or nothing.
   */
  async createForEmail(
    email: string,
    validSeconds: number,
  ): Promise<{ id: string; user_id: string; created_at: Date } | null> {
    const rows = await this.tx.query<{ id: string; user_id: string; created_at: Date }>(
      `INSERT INTO password_resets (user_id, expires_at)
       SELECT id, now() + make_interval(secs => $2) FROM users WHERE email = $1
       RETURNING id, user_id, created_at`,
      [email, validSeconds],
    );
    return rows[0] ?? null;
  }

  /** Gives the reset a new token (the e-mail being sent carries it); null once used or expired. */
  async setToken(id: string, tokenHash: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE password_resets SET token_hash = $2
       WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [id, tokenHash],
    );
    return rows.length > 0;
  }

  async findByTokenForUpdate(tokenHash: string): Promise<PasswordResetRow | null> {
    const rows = await this.tx.query<PasswordResetRow>(
      `SELECT id, user_id, expires_at, used_at FROM password_resets
       WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Uses up every open reset of the person: a new password makes the other links void. */
  async closeAllOfUser(userId: string): Promise<void> {
    await this.tx.query(
      'UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
  }
}
