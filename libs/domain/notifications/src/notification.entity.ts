import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One message in a user's in-app inbox; the dedupe key makes delivery idempotent. */
@Entity('notifications')
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
export class Notification {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
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
