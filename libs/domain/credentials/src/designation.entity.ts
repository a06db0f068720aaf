import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Designation } from './designation.js';

/** A designation an admin granted; held while not revoked. */
@Entity('designations')
@Index('designations_held_uq', ['traineeId', 'designation'], {
  unique: true,
  where: 'revoked_at IS NULL',
})
@Index('designations_trainee_idx', ['traineeId'])
@Index('designations_granted_by_idx', ['grantedBy'])
export class DesignationGrant {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  traineeId: string;

  @Column('text')
  designation: Designation;

  @Column('uuid', { unique: true })
  certificationRequestId: string;

  @Column('uuid', { nullable: true })
  grantedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  grantedAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedReason: string | null;
}
