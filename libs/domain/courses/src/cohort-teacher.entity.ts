import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export enum TeacherRole {
  Lead = 'lead',
  CoTeacher = 'co_teacher',
}

/** Who taught which cohort; other contexts (practicum) count taught courses from this table. */
@Entity('cohort_teachers')
@Unique('cohort_teachers_cohort_user_key', ['cohortId', 'userId'])
@Index('cohort_teachers_user_id_idx', ['userId'])
@Index('cohort_teachers_assigned_by_idx', ['assignedBy'])
export class CohortTeacher {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  cohortId: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  role: TeacherRole;

  @Column('uuid', { nullable: true })
  assignedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
