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

export enum PracticumSessionKind {
  Consultation = 'consultation',
  Mentoring = 'mentoring',
}

/** One group consultation or mentoring session of the practicum's ledger. */
@Entity('practicum_sessions')
@Unique('practicum_sessions_practicum_kind_held_key', ['practicumId', 'kind', 'heldAt'])
@Index('practicum_sessions_logged_by_idx', ['loggedBy'])
@Index('practicum_sessions_kind_held_at_idx', ['kind', 'heldAt'])
@Check('practicum_sessions_kind_check', `"kind" IN ('consultation', 'mentoring')`)
@Check('practicum_sessions_minutes_check', '"minutes" BETWEEN 15 AND 480')
export class PracticumSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'practicum_sessions_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('practicums', { name: 'practicum_sessions_practicum_id_fkey', onDelete: 'CASCADE' })
  practicumId: string;

  @Column('text')
  kind: PracticumSessionKind;

  @Column('timestamptz')
  heldAt: Date;

  @Column('integer')
  minutes: number;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'practicum_sessions_logged_by_fkey', onDelete: 'SET NULL' })
  loggedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
