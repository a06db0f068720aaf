import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Designation } from './designation.js';

/** A designation an admin granted; held while not revoked. */
@Entity('designations')
@Index('designations_held_uq', ['traineeId', 'designation'], {
  unique: true,
  where: 'revoked_at IS NULL',
})
@Index('designations_trainee_idx', ['traineeId'])
@Index('designations_granted_by_idx', ['grantedBy'])
@Check('designations_designation_chk', `"designation" IN ('trained_teacher', 'certified_teacher')`)
@Unique('designations_request_uq', ['certificationRequestId'])
export class DesignationGrant {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_designations' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'designations_trainee_fk', onDelete: 'CASCADE' })
  traineeId: string;

  @Column('text')
  designation: Designation;

  @Column('uuid')
  @ForeignKey('certification_requests', { name: 'designations_request_fk', onDelete: 'CASCADE' })
  certificationRequestId: string;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'designations_granted_by_fk', onDelete: 'SET NULL' })
  grantedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  grantedAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedReason: string | null;
}
