import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum RecordingStatus {
  Processing = 'processing',
  AwaitingReview = 'awaiting_review',
  Reviewed = 'reviewed',
  Rejected = 'rejected',
}

/** A recording of the trainee teaching one session of a cohort, kept in the blob store. */
@Entity('teaching_recordings')
@Index('teaching_recordings_practicum_id_idx', ['practicumId'])
@Index('teaching_recordings_trainee_status_idx', ['traineeId', 'status'])
@Index('teaching_recordings_cohort_id_idx', ['cohortId'])
@Index('teaching_recordings_reviewer_status_idx', ['reviewerId', 'status'])
export class TeachingRecording {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  practicumId: string;

  @Column('uuid')
  traineeId: string;

  @Column('uuid')
  cohortId: string;

  @Column('integer')
  sessionNumber: number;

  @Column('text', { default: RecordingStatus.Processing })
  status: RecordingStatus;

  @Column('text', { unique: true })
  storageKey: string;

  /** Decided from the file's bytes, never from the client's word. */
  @Column('text')
  mediaType: string;

  @Column('text', { nullable: true })
  originalFilename: string | null;

  @Column('bigint')
  sizeBytes: string;

  @Column('text')
  sha256: string;

  @Column('text', { nullable: true })
  container: string | null;

  @Column('numeric', { precision: 10, scale: 3, nullable: true })
  durationSeconds: string | null;

  @Column('text', { nullable: true })
  rejectionReason: string | null;

  @Column('timestamptz')
  consentConfirmedAt: Date;

  @Column('uuid', { nullable: true })
  reviewerId: string | null;

  @Column('timestamptz', { nullable: true })
  reviewAssignedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reviewDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
