import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

export enum ApplicationKind {
  TeacherTraining = 'teacher_training',
}

export enum ApplicationStatus {
  Submitted = 'submitted',
  Approved = 'approved',
  Rejected = 'rejected',
}

/**
 * A trainee's application to the next step of the pathway (teacher training), decided by an admin.
 * At most one submitted or approved application per trainee and kind (a partial unique index);
 * after a rejection the trainee may apply again.
 */
@Entity('applications')
@Index('applications_user_kind_open_key', ['userId', 'kind'], {
  unique: true,
  where: `"status" IN ('submitted', 'approved')`,
})
@Index('applications_user_id_idx', ['userId'])
@Index('applications_status_created_idx', ['status', 'createdAt'])
@Index('applications_decided_by_idx', ['decidedBy'])
@Check('applications_decision_check', `("status" = 'submitted') = ("decided_at" IS NULL)`)
@Check('applications_kind_check', `"kind" IN ('teacher_training')`)
@Check('applications_statement_check', 'char_length("statement") BETWEEN 1 AND 5000')
@Check('applications_status_check', `"status" IN ('submitted', 'approved', 'rejected')`)
export class TrainingApplication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'applications_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'applications_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @Column('text')
  kind: ApplicationKind;

  @Column('text')
  statement: string;

  @Column('text', { default: ApplicationStatus.Submitted })
  status: ApplicationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'applications_decided_by_fkey', onDelete: 'SET NULL' })
  decidedBy: string | null;

  @Column('text', { nullable: true })
  decisionNote: string | null;
}
