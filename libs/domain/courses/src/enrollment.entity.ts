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
@Check('enrollments_completed_check', `"completed_at" IS NULL OR "status" = 'enrolled'`)
@Check('enrollments_enrolled_check', `"status" <> 'enrolled' OR "enrolled_at" IS NOT NULL`)
@Check('enrollments_status_check', `"status" IN ('enrolled', 'waitlisted', 'withdrawn')`)
@Check('enrollments_waitlisted_check', `"status" <> 'waitlisted' OR "waitlisted_at" IS NOT NULL`)
export class Enrollment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'enrollments_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'enrollments_cohort_id_fkey', onDelete: 'CASCADE' })
  cohortId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'enrollments_user_id_fkey', onDelete: 'RESTRICT' })
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
  @ForeignKey('users', { name: 'enrollments_created_by_fkey', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
