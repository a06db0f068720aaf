import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

export enum PracticumStatus {
  Active = 'active',
  Closed = 'closed',
}

/** A trainee's supervised practicum under one mentor; at most one active per trainee. */
@Entity('practicums')
@Index('practicums_active_trainee_uq', ['traineeId'], { unique: true, where: `status = 'active'` })
@Index('practicums_trainee_id_idx', ['traineeId'])
@Index('practicums_mentor_id_idx', ['mentorId'])
@Index('practicums_created_by_idx', ['createdBy'])
@Check('practicums_closed_check', `("status" = 'closed') = ("closed_at" IS NOT NULL)`)
@Check('practicums_distinct_people_check', '"trainee_id" <> "mentor_id"')
@Check('practicums_status_check', `"status" IN ('active', 'closed')`)
export class Practicum {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'practicums_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'practicums_trainee_id_fkey', onDelete: 'RESTRICT' })
  traineeId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'practicums_mentor_id_fkey', onDelete: 'RESTRICT' })
  mentorId: string;

  @Column('text', { default: PracticumStatus.Active })
  status: PracticumStatus;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'practicums_created_by_fkey', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}
