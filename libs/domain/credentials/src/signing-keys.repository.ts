import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';

export interface SigningKeyRow {
  kid: string;
  algorithm: string;
  public_jwk: Record<string, unknown>;
  private_key_encrypted: string;
  status: 'active' | 'retired';
  created_at: Date;
}

export interface PublicKeyRow {
  kid: string;
  algorithm: string;
  public_jwk: Record<string, unknown>;
  status: 'active' | 'retired';
  created_at: Date;
}

@Injectable()
export class SigningKeysRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findActive(): Promise<SigningKeyRow | null> {
    const rows = await this.tx.query<SigningKeyRow>(
      `SELECT kid, algorithm, public_jwk, private_key_encrypted, status, created_at
       FROM signing_keys WHERE status = 'active' AND deleted_at IS NULL`,
    );
    return rows[0] ?? null;
  }

  /** Inserts the key; false when another active key won the race (one active key at a time). */
  async insert(key: {
    kid: string;
    algorithm: string;
    publicJwk: Record<string, unknown>;
    privateKeyEncrypted: string;
  }): Promise<boolean> {
    const rows = await this.tx.query<{ kid: string }>(
      `INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_encrypted, status)
       VALUES ($1, $2, $3::jsonb, $4, 'active')
       ON CONFLICT DO NOTHING RETURNING kid`,
      [key.kid, key.algorithm, JSON.stringify(key.publicJwk), key.privateKeyEncrypted],
    );
    return rows.length > 0;
  }

  async retireActive(): Promise<string[]> {
    const rows = await this.tx.query<{ kid: string }>(
      `UPDATE signing_keys SET status = 'retired', retired_at = now()
       WHERE status = 'active' RETURNING kid`,
    );
    return rows.map((r) => r.kid);
  }

  /** Serialises rotations across processes for the rest of the transaction. */
  async lockForRotation(): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('signing_keys.rotate'))`);
  }

  async listPublic(): Promise<PublicKeyRow[]> {
    return this.tx.query<PublicKeyRow>(
      `SELECT kid, algorithm, public_jwk, status, created_at FROM signing_keys
       WHERE deleted_at IS NULL ORDER BY created_at DESC, kid`,
    );
  }

  async findPublic(kid: string): Promise<PublicKeyRow | null> {
    const rows = await this.tx.query<PublicKeyRow>(
      `SELECT kid, algorithm, public_jwk, status, created_at FROM signing_keys
       WHERE kid = $1 AND deleted_at IS NULL`,
      [kid],
    );
    return rows[0] ?? null;
  }
}
