import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(token: { familyId: string; userId: string; tokenHash: string; expiresAt: Date }) {
    await this.tx.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [token.familyId, token.userId, token.tokenHash, token.expiresAt],
    );
  }

  /** Finds and row-locks the token, so that two concurrent refreshes cannot both rotate it. */
  async findByHashForUpdate(tokenHash: string): Promise<RefreshTokenRow | null> {
    const rows = await this.tx.query<RefreshTokenRow>(
      `SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at
       FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markRotated(id: string): Promise<void> {
    await this.tx.query('UPDATE refresh_tokens SET rotated_at = now() WHERE id = $1', [id]);
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.tx.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }

  /** Revokes every session of the user but the one (family) given, when one is given. */
  async revokeOtherFamilies(userId: string, keepFamilyId: string | undefined): Promise<void> {
    await this.tx.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2)`,
      [userId, keepFamilyId ?? null],
    );
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.tx.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }
}
