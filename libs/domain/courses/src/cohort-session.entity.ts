import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One meeting of a cohort; `sequence` counts moves, for calendar clients (iCalendar SEQUENCE). */
@Entity('cohort_sessions')
@Unique('cohort_sessions_cohort_number_key', ['cohortId', 'number'])
@Unique('cohort_sessions_id_cohort_key', ['id', 'cohortId'])
@Index('cohort_sessions_starts_at_idx', ['startsAt'])
@Check('cohort_sessions_number_check', '"number" >= 1')
@Check('cohort_sessions_time_check', '"ends_at" > "starts_at"')
export class CohortSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'cohort_sessions_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'cohort_sessions_cohort_id_fkey', onDelete: 'CASCADE' })
  cohortId: string;

  @Column('integer')
  number: number;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('integer', { default: 0 })
  sequence: number;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
