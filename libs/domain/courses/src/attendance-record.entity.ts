import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export enum AttendanceStatus {
  Present = 'present',
  Absent = 'absent',
  /** An excused absence: still not attended. */
  Excused = 'excused',
}

/** One trainee's attendance at one session; `cohortId` lets a cohort's totals be one grouped scan. */
@Entity('attendance_records')
@Index('attendance_records_cohort_user_idx', ['cohortId', 'userId'])
@Index('attendance_records_user_id_idx', ['userId'])
@Index('attendance_records_recorded_by_idx', ['recordedBy'])
@Index('attendance_records_session_cohort_idx', ['sessionId', 'cohortId'])
@Check('attendance_records_status_check', `"status" IN ('present', 'absent', 'excused')`)
@ForeignKey('cohort_sessions', ['sessionId', 'cohortId'], ['id', 'cohortId'], {
  name: 'attendance_records_session_fkey',
  onDelete: 'CASCADE',
})
export class AttendanceRecord {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'attendance_records_pkey' })
  sessionId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'attendance_records_pkey' })
  @ForeignKey('users', { name: 'attendance_records_user_id_fkey', onDelete: 'RESTRICT' })
  userId: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'attendance_records_cohort_id_fkey', onDelete: 'CASCADE' })
  cohortId: string;

  @Column('text')
  status: AttendanceStatus;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'attendance_records_recorded_by_fkey', onDelete: 'SET NULL' })
  recordedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt: Date;
}
