import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

export enum PracticeKind {
  Sitting = 'sitting',
  LovingKindness = 'loving_kindness',
  SelfCompassion = 'self_compassion',
  Informal = 'informal',
}

/** One practice a trainee logged; several a day are fine. `practicedOn` is in the trainee's zone. */
@Entity('practice_logs')
@Index('practice_logs_user_day_idx', ['userId', 'practicedOn'])
@Check('practice_logs_minutes_check', '"minutes" BETWEEN 1 AND 1440')
@Check('practice_logs_note_check', '"note" IS NULL OR char_length("note") BETWEEN 1 AND 2000')
@Check(
  'practice_logs_practice_check',
  `"practice" IN ('sitting', 'loving_kindness', 'self_compassion', 'informal')`,
)
export class PracticeLog {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'practice_logs_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'practice_logs_user_id_fkey', onDelete: 'CASCADE' })
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
