import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type DeliveryMode = 'online' | 'in_person';

/**
 * One continuing-education credit: exactly one per enrollment (the unique enrollment id makes
 * issuance idempotent). What the certificate prints is copied here when it is issued, so that a
 * certificate keeps saying what was awarded even if the course is edited afterwards.
 */
@Entity('ce_credits')
@Index('ce_credits_user_issued_idx', ['userId', 'issuedAt'])
@Index('ce_credits_issued_idx', ['issuedAt', 'id'])
@Index('ce_credits_cohort_idx', ['cohortId'])
@Index('ce_credits_course_idx', ['courseId'])
@Check('ce_credits_delivery_mode_ck', `"delivery_mode" IN ('online', 'in_person')`)
@Check('ce_credits_hours_ck', '"hours" > 0 AND "hours" <= "course_ce_hours"')
@Check('ce_credits_session_window_ck', '"last_session_at" >= "first_session_at"')
@Check(
  'ce_credits_sessions_ck',
  '"sessions_attended" >= 0 AND "sessions_total" > 0 AND "sessions_attended" <= "sessions_total"',
)
@Unique('ce_credits_certificate_number_key', ['certificateNumber'])
@Unique('ce_credits_enrollment_id_key', ['enrollmentId'])
export class CeCredit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ce_credits_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('enrollments', { name: 'ce_credits_enrollment_id_fkey', onDelete: 'RESTRICT' })
  enrollmentId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'ce_credits_user_id_fkey', onDelete: 'RESTRICT' })
  userId: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'ce_credits_cohort_id_fkey', onDelete: 'RESTRICT' })
  cohortId: string;

  @Column('uuid')
  @ForeignKey('courses', { name: 'ce_credits_course_id_fkey', onDelete: 'RESTRICT' })
  courseId: string;

  @Column('numeric', { precision: 6, scale: 2 })
  hours: string;

  /** `MSC-CE-<year>-<number>`, printed on the certificate and quoted to accreditors. */
  @Column('text')
  certificateNumber: string;

  @Column('timestamptz', { default: () => 'now()' })
  issuedAt: Date;

  @Column('text')
  holderName: string;

  @Column('text', { nullable: true })
  licenseNumber: string | null;

  @Column('text')
  courseCode: string;

  @Column('text')
  courseTitle: string;

  @Column('text')
  deliveryMode: DeliveryMode;

  @Column('text', { nullable: true })
  accreditorStatement: string | null;

  /** The hours the whole course carries; `hours` is this share for the sessions attended. */
  @Column('numeric', { precision: 6, scale: 2 })
  courseCeHours: string;

  @Column('int')
  sessionsAttended: number;

  @Column('int')
  sessionsTotal: number;

  @Column('timestamptz')
  firstSessionAt: Date;

  @Column('timestamptz')
  lastSessionAt: Date;

  /** The cohort's IANA time zone: certificate dates are the dates the trainee lived them. */
  @Column('text')
  timeZone: string;
}
