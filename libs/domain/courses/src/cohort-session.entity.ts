import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One meeting of a cohort; `sequence` counts moves, for calendar clients (iCalendar SEQUENCE). */
@Entity('cohort_sessions')
@Unique('cohort_sessions_cohort_number_key', ['cohortId', 'number'])
@Unique('cohort_sessions_id_cohort_key', ['id', 'cohortId'])
@Index('cohort_sessions_starts_at_idx', ['startsAt'])
export class CohortSession {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
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
