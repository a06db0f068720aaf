import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type StatusPurpose = 'revocation' | 'suspension';

/**
 * One W3C Bitstring Status List. Its bits are derived from the credentials that hold an entry in
 * it (a revoked credential sets its revocation bit), so the list can never disagree with them.
 */
@Entity('status_lists')
@Index('status_lists_open_uq', ['purpose'], { unique: true, where: 'full_at IS NULL' })
export class StatusList {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('text')
  purpose: StatusPurpose;

  @Column('integer')
  size: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  fullAt: Date | null;
}
