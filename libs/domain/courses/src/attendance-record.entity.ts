import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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
export class AttendanceRecord {
  @PrimaryColumn('uuid')
  sessionId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid')
  cohortId: string;

  @Column('text')
  status: AttendanceStatus;

  @Column('uuid', { nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt: Date;
}
