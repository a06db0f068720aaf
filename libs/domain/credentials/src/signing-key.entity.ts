import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type SigningKeyStatus = 'active' | 'retired';

/**
 * An Ed25519 key that signs credentials. The private half is stored only encrypted (AES-256-GCM
 * under the key-encryption key); retired keys stay published so that old credentials verify.
 */
@Entity('signing_keys')
@Index('signing_keys_one_active_uq', ['status'], { unique: true, where: "status = 'active'" })
@Index('signing_keys_created_idx', ['createdAt'], { where: 'deleted_at IS NULL' })
@Check('signing_keys_public_only_chk', `NOT ("public_jwk" ? 'd')`)
@Check('signing_keys_status_chk', `"status" IN ('active', 'retired')`)
export class SigningKey {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_signing_keys' })
  kid: string;

  @Column('text', { default: 'EdDSA' })
  algorithm: string;

  @Column('jsonb')
  publicJwk: Record<string, unknown>;

  @Column('text')
  privateKeyEncrypted: string;

  @Column('text', { default: 'active' })
  status: SigningKeyStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;
}
