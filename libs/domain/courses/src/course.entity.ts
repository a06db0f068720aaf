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

export enum CourseFormat {
  Msc8Week = 'msc_8_week',
  MscIntensive = 'msc_intensive',
  TeacherTraining = 'teacher_training',
  TeacherTrainingPracticum = 'teacher_training_practicum',
}

export enum DeliveryMode {
  Online = 'online',
  InPerson = 'in_person',
}

/** A course as a template: how many sessions, how long, what completes it, what CE it earns. */
@Entity('courses')
@Index('courses_format_idx', ['format'])
@Index('courses_created_by_idx', ['createdBy'])
@Index('courses_retired_at_idx', ['retiredAt'])
@Check('courses_ce_hours_check', '"ce_hours" IS NULL OR "ce_hours" > 0')
@Check('courses_completion_check', '"completion_min_sessions" BETWEEN 1 AND "session_count"')
@Check('courses_delivery_mode_check', `"delivery_mode" IN ('online', 'in_person')`)
@Check(
  'courses_format_check',
  `"format" IN ('msc_8_week', 'msc_intensive', 'teacher_training', 'teacher_training_practicum')`,
)
@Check('courses_retirement_check', '"retired_at" IS NOT NULL OR "retirement_reason" IS NULL')
@Check('courses_session_count_check', '"session_count" BETWEEN 1 AND 200')
@Check('courses_session_minutes_check', '"session_minutes" BETWEEN 1 AND 1440')
@Unique('courses_code_key', ['code'])
export class Course {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'courses_pkey' })
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  title: string;

  @Column('text')
  format: CourseFormat;

  @Column('text', { default: DeliveryMode.Online })
  deliveryMode: DeliveryMode;

  @Column('integer')
  sessionCount: number;

  @Column('integer')
  sessionMinutes: number;

  @Column('integer')
  completionMinSessions: number;

  @Column('numeric', { precision: 6, scale: 2, nullable: true })
  ceHours: string | null;

  @Column('text', { nullable: true })
  ceAccreditor: string | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'courses_created_by_fkey', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set while the course takes no new cohorts; its existing cohorts carry on. */
  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @Column('text', { nullable: true })
  retirementReason: string | null;
}
