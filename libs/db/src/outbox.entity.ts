import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A side effect that must not be lost: written in the caller's transaction, relayed to BullMQ. */
@Entity('outbox')
@Index('outbox_pending_idx', ['createdAt'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  queue: string;

  @Column('text')
  jobName: string;

  @Column('text')
  jobId: string;

  @Column('jsonb')
  payload: unknown;

  /** bigint: reminders wait for months, past an integer's 24.8 days of milliseconds. */
  @Column('bigint', { default: 0 })
  delayMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;
}
