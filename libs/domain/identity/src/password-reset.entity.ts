import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A password reset asked for by e-mail. The token is made when the e-mail is sent and only its
 * SHA-256 kept here; it is good until `expiresAt`, once.
 */
@Entity('password_resets')
@Index('password_resets_user_idx', ['userId', 'createdAt'])
export class PasswordReset {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text', { unique: true, nullable: true })
  tokenHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;
}
