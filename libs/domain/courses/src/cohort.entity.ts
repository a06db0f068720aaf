import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

export enum CohortStatus {
  /** Created; the scheduling job has not generated its sessions yet. */
  Scheduling = 'scheduling',
  Open = 'open',
  Completed = 'completed',
  /** Called off by an admin; its participants were told. Nothing completes or is credited. */
  Cancelled = 'cancelled',
}

export enum SessionCadence {
  Weekly = 'weekly',
  Daily = 'daily',
}

/** One run of a course: a start date, a local wall-clock time in an IANA zone, a capacity. */
@Entity('cohorts')
@Index('cohorts_course_id_idx', ['courseId'])
// The list of cohorts in one status, by start date.
@Index('cohorts_status_start_idx', ['status', 'startDate', 'createdAt', 'id'])
@Index('cohorts_start_date_idx', ['startDate'])
@Index('cohorts_created_by_idx', ['createdBy'])
@Check('cohorts_cadence_check', `"cadence" IN ('weekly', 'daily')`)
@Check('cohorts_cancelled_check', `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)`)
@Check('cohorts_capacity_check', '"capacity" BETWEEN 1 AND 10000')
@Check('cohorts_completed_check', `("status" = 'completed') = ("completed_at" IS NOT NULL)`)
@Check('cohorts_local_time_check', `"local_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`)
@Check('cohorts_seats_taken_check', '"seats_taken" >= 0')
@Check('cohorts_status_check', `"status" IN ('scheduling', 'open', 'completed', 'cancelled')`)
export class Cohort {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'cohorts_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('courses', { name: 'cohorts_course_id_fkey', onDelete: 'RESTRICT' })
  courseId: string;

  @Column('text')
  title: string;

  @Column('date')
  startDate: string;

  /** `HH:mm`, local to `timeZone`: every session starts at this wall-clock time. */
  @Column('text')
  localTime: string;

  @Column('text')
  timeZone: string;

  @Column('text')
  cadence: SessionCadence;

  @Column('integer')
  capacity: number;

  /**
   * How many enrollments hold a seat: claimed by a guarded increment (never past capacity) as
   * late as possible in an enrollment's transaction, given back when a seated person withdraws.
   */
  @Column('integer', { default: 0 })
  seatsTaken: number;

  @Column('boolean', { default: false })
  ceEligible: boolean;

  @Column('text', { default: CohortStatus.Scheduling })
  status: CohortStatus;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** When an admin last reopened it after completion; it then waits for an admin to complete it. */
  @Column('timestamptz', { nullable: true })
  reopenedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancellationReason: string | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'cohorts_created_by_fkey', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
