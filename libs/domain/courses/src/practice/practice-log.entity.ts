import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum PracticeKind {
  Sitting = 'sitting',
  LovingKindness = 'loving_kindness',
  SelfCompassion = 'self_compassion',
  Informal = 'informal',
}

/** One practice a trainee logged; several a day are fine. `practicedOn` is in the trainee's zone. */
@Entity('practice_logs')
@Index('practice_logs_user_day_idx', ['userId', 'practicedOn'])
export class PracticeLog {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('date')
  practicedOn: string;

  @Column('integer')
  minutes: number;

  @Column('text')
  practice: PracticeKind;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
