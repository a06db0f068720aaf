import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A person's personal iCalendar feed: its URL carries feedId and an HMAC of it. */
@Entity('calendar_feeds')
@Unique('calendar_feeds_feed_id_key', ['feedId'])
export class CalendarFeed {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid', { default: () => 'gen_random_uuid()' })
  feedId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  rotatedAt: Date | null;
}
