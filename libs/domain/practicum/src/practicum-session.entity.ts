import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export enum PracticumSessionKind {
  Consultation = 'consultation',
  Mentoring = 'mentoring',
}

/** One group consultation or mentoring session of the practicum's ledger. */
@Entity('practicum_sessions')
@Unique('practicum_sessions_practicum_kind_held_key', ['practicumId', 'kind', 'heldAt'])
@Index('practicum_sessions_logged_by_idx', ['loggedBy'])
@Index('practicum_sessions_kind_held_at_idx', ['kind', 'heldAt'])
export class PracticumSession {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  practicumId: string;

  @Column('text')
  kind: PracticumSessionKind;

  @Column('timestamptz')
  heldAt: Date;

  @Column('integer')
  minutes: number;

  @Column('uuid', { nullable: true })
  loggedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
