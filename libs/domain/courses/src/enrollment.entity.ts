import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export enum EnrollmentStatus {
  Enrolled = 'enrolled',
  Waitlisted = 'waitlisted',
  Withdrawn = 'withdrawn',
}

/**
 * A person's place in a cohort. Waitlist positions are derived from `waitlistedAt` order, never
 * stored; `completedAt` is set by the cohort's completion when the attendance suffices.
 */
@Entity('enrollments')
@Unique('enrollments_cohort_user_key', ['cohortId', 'userId'])
@Index('enrollments_user_id_idx', ['userId'])
@Index('enrollments_created_by_idx', ['createdBy'])
@Index('enrollments_cohort_status_idx', ['cohortId', 'status'])
@Index('enrollments_waitlist_idx', ['cohortId', 'waitlistedAt', 'id'], {
  where: `"status" = 'waitlisted'`,
})
@Index('enrollments_user_completed_idx', ['userId', 'completedAt'], {
  where: '"completed_at" IS NOT NULL',
})
export class Enrollment {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  cohortId: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  status: EnrollmentStatus;

  @Column('boolean', { default: false })
  requestCe: boolean;

  @Column('text', { nullable: true })
  licenseNumber: string | null;

  @Column('timestamptz', { nullable: true })
  enrolledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  waitlistedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
