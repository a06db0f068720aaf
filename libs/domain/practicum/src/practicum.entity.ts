import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

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
export class Practicum {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  traineeId: string;

  @Column('uuid')
  mentorId: string;

  @Column('text', { default: PracticumStatus.Active })
  status: PracticumStatus;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}
