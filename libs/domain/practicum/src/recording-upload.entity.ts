import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A resumable upload of a teaching recording: declared size and fields, bytes received so far. */
@Entity('recording_uploads')
@Index('recording_uploads_practicum_id_idx', ['practicumId'])
@Index('recording_uploads_trainee_id_idx', ['traineeId'])
@Index('recording_uploads_cohort_id_idx', ['cohortId'])
@Index('recording_uploads_recording_id_idx', ['recordingId'])
@Index('recording_uploads_expires_at_idx', ['expiresAt'])
@Check('recording_uploads_received_check', '"received_bytes" BETWEEN 0 AND "size_bytes"')
@Check('recording_uploads_session_number_check', '"session_number" >= 1')
@Check('recording_uploads_size_check', '"size_bytes" > 0')
export class RecordingUpload {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'recording_uploads_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('practicums', { name: 'recording_uploads_practicum_id_fkey', onDelete: 'CASCADE' })
  practicumId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'recording_uploads_trainee_id_fkey', onDelete: 'CASCADE' })
  traineeId: string;

  @Column('uuid')
  @ForeignKey('cohorts', { name: 'recording_uploads_cohort_id_fkey', onDelete: 'CASCADE' })
  cohortId: string;

  @Column('integer')
  sessionNumber: number;

  @Column('bigint')
  sizeBytes: string;

  @Column('bigint', { default: 0 })
  receivedBytes: string;

  /** What the client said; never trusted (the type is sniffed from the bytes). */
  @Column('text', { nullable: true })
  declaredType: string | null;

  @Column('text', { nullable: true })
  filename: string | null;

  @Column('timestamptz')
  consentConfirmedAt: Date;

  /** Set while one request turns the parts into the recording. */
  @Column('timestamptz', { nullable: true })
  completingAt: Date | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('teaching_recordings', {
    name: 'recording_uploads_recording_id_fkey',
    onDelete: 'SET NULL',
  })
  recordingId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}

/** One received chunk of an upload, stored as a blob of its own until the upload completes. */
@Entity('recording_upload_parts')
@Check('recording_upload_parts_size_check', '"size_bytes" > 0')
@Check('recording_upload_parts_start_check', '"start_offset" >= 0')
@Unique('recording_upload_parts_storage_key_key', ['storageKey'])
export class RecordingUploadPart {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'recording_upload_parts_pkey' })
  @ForeignKey('recording_uploads', {
    name: 'recording_upload_parts_upload_id_fkey',
    onDelete: 'CASCADE',
  })
  uploadId: string;

  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'recording_upload_parts_pkey' })
  startOffset: string;

  @Column('bigint')
  sizeBytes: string;

  @Column('text')
  storageKey: string;
}
