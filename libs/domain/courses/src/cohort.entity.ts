import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

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
@Index('cohorts_status_idx', ['status'])
@Index('cohorts_start_date_idx', ['startDate'])
@Index('cohorts_created_by_idx', ['createdBy'])
export class Cohort {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
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
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
