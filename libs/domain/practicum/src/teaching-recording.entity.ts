import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

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
// The admins' lists, which TypeORM cannot declare (the migration IndexListOrders makes them):
// (created_at DESC, id), and (review_due_at, id) WHERE status = 'awaiting_review'.
@Index('teaching_recordings_created_idx', { synchronize: false })
@Index('teaching_recordings_overdue_idx', { synchronize: false })
@Check(
  'teaching_recordings_rejected_check',
  `("status" = 'rejected') = ("rejection_reason" IS NOT NULL)`,
)
@Check(
  'teaching_recordings_reviewer_check',
  '"reviewer_id" IS NULL OR "reviewer_id" <> "trainee_id"',
)
@Check('teaching_recordings_session_number_check', '"session_number" >= 1')
@Check('teaching_recordings_sha256_check', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('teaching_recordings_size_check', '"size_bytes" > 0')
@Check(
  'teaching_recordings_status_check',
  `"status" IN ('processing', 'awaiting_review', 'reviewed', 'rejected')`,
)
@Unique('teaching_recordings_storage_key_key', ['storageKey'])
export class TeachingRecording {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'teaching_recordings_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('practicums', { name: 'teaching_recordings_practicum_id_fkey', onDelete: 'RESTRICT' })
  practicumId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'teaching_recordings_trainee_id_fkey', onDelete: 'RESTRICT' })
  traineeId: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'teaching_recordings_cohort_id_fkey', onDelete: 'RESTRICT' })
  cohortId: string;

  @Column('integer')
  sessionNumber: number;

  @Column('text', { default: RecordingStatus.Processing })
  status: RecordingStatus;

  @Column('text')
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
  @ForeignKey('users', { name: 'teaching_recordings_reviewer_id_fkey', onDelete: 'SET NULL' })
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
