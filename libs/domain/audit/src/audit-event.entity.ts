import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger refuses UPDATE and DELETE. */
@Entity('audit_events')
@Index('audit_events_at_idx', ['at'])
@Index('audit_events_actor_idx', ['actorId'])
@Index('audit_events_subject_idx', ['subject'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('text')
  action: string;

  /** What was acted on, as `<kind>/<id>`, for example `user/3f…`. */
  @Column('text')
  subject: string;

  @Column('jsonb', { default: () => "'{}'" })
  details: Record<string, unknown>;
}
