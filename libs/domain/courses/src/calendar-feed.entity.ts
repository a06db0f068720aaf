import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Generated,
  PrimaryColumn,
  Unique,
} from 'typeorm';

/** A person's personal iCalendar feed: its URL carries feedId and an HMAC of it. */
@Entity('calendar_feeds')
@Unique('calendar_feeds_feed_id_key', ['feedId'])
export class CalendarFeed {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'calendar_feeds_pkey' })
  @ForeignKey('users', { name: 'calendar_feeds_user_fk', onDelete: 'CASCADE' })
  userId: string;

  @Column('uuid')
  @Generated('uuid')
  feedId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  rotatedAt: Date | null;
}
