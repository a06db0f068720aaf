import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** One message in a user's in-app inbox; the dedupe key makes delivery idempotent. */
@Entity('notifications')
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'notifications_user_fk', onDelete: 'CASCADE' })
  userId: string;

  @Column('text', { unique: true })
  dedupeKey: string;

  @Column('text')
  kind: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  @Column('timestamptz', { nullable: true })
  emailedAt: Date | null;

  /** While set and recent, one worker is sending the e-mail; an old claim was abandoned. */
  @Column('timestamptz', { nullable: true })
  emailClaimedAt: Date | null;
}
