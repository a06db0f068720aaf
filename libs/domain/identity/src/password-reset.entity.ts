import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * A password reset asked for by e-mail. The token is made when the e-mail is sent and only its
 * SHA-256 kept here; it is good until `expiresAt`, once.
 */
@Entity('password_resets')
@Index('password_resets_user_idx', ['userId', 'createdAt'])
@Check('password_resets_expiry_check', '"expires_at" > "created_at"')
@Unique('password_resets_token_hash_key', ['tokenHash'])
export class PasswordReset {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'password_resets_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'password_resets_user_fk', onDelete: 'CASCADE' })
  userId: string;

  @Column('text', { nullable: true })
  tokenHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;
}
