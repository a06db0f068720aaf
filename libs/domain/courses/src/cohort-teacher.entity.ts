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

export enum TeacherRole {
  Lead = 'lead',
  CoTeacher = 'co_teacher',
}

/** Who taught which cohort; other contexts (practicum) count taught courses from this table. */
@Entity('cohort_teachers')
@Unique('cohort_teachers_cohort_user_key', ['cohortId', 'userId'])
@Index('cohort_teachers_user_id_idx', ['userId'])
@Index('cohort_teachers_assigned_by_idx', ['assignedBy'])
@Check('cohort_teachers_role_check', `"role" IN ('lead', 'co_teacher')`)
export class CohortTeacher {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'cohort_teachers_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'cohort_teachers_cohort_id_fkey', onDelete: 'CASCADE' })
  cohortId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'cohort_teachers_user_id_fkey', onDelete: 'RESTRICT' })
  userId: string;

  @Column('text')
  role: TeacherRole;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'cohort_teachers_assigned_by_fkey', onDelete: 'SET NULL' })
  assignedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
