import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
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
export class CertificationRequest {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  traineeId: string;

  @Column('text')
  designation: Designation;

  @Column('text', { default: 'pending_review' })
  status: CertificationRequestStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
