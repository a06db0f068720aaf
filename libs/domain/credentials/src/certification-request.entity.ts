import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Designation } from './designation.js';

export type CertificationRequestStatus = 'pending_review' | 'approved' | 'rejected' | 'revoked';

/** A trainee asking an admin to grant a designation; decided once, guarded by its status. */
@Entity('certification_requests')
@Index('certification_requests_open_uq', ['traineeId', 'designation'], {
  unique: true,
  where: "status IN ('pending_review', 'approved')",
})
@Index('certification_requests_trainee_idx', ['traineeId', 'createdAt'])
@Index('certification_requests_status_idx', ['status', 'createdAt'])
@Index('certification_requests_decided_by_idx', ['decidedBy'])
@Check(
  'certification_requests_designation_chk',
  `"designation" IN ('trained_teacher', 'certified_teacher')`,
)
@Check(
  'certification_requests_status_chk',
  `"status" IN ('pending_review', 'approved', 'rejected', 'revoked')`,
)
export class CertificationRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_certification_requests' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'certification_requests_trainee_fk', onDelete: 'CASCADE' })
  traineeId: string;

  @Column('text')
  designation: Designation;

  @Column('text', { default: 'pending_review' })
  status: CertificationRequestStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'certification_requests_decided_by_fk', onDelete: 'SET NULL' })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
