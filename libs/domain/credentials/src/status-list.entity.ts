import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type StatusPurpose = 'revocation' | 'suspension';

/**
 * One W3C Bitstring Status List. Its bits are derived from the credentials that hold an entry in
 * it (a revoked credential sets its revocation bit), so the list can never disagree with them.
 */
@Entity('status_lists')
@Index('status_lists_open_uq', ['purpose'], { unique: true, where: 'full_at IS NULL' })
@Check('status_lists_purpose_chk', `"purpose" IN ('revocation', 'suspension')`)
@Check('status_lists_size_chk', '"size" >= 131072 AND "size" % 8 = 0')
export class StatusList {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_status_lists' })
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
