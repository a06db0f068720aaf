import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A resumable upload of a teaching recording: declared size and fields, bytes received so far. */
@Entity('recording_uploads')
@Index('recording_uploads_practicum_id_idx', ['practicumId'])
@Index('recording_uploads_trainee_id_idx', ['traineeId'])
@Index('recording_uploads_cohort_id_idx', ['cohortId'])
@Index('recording_uploads_recording_id_idx', ['recordingId'])
@Index('recording_uploads_expires_at_idx', ['expiresAt'])
export class RecordingUpload {
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
export class RecordingUploadPart {
  @PrimaryColumn('uuid')
  uploadId: string;

  @PrimaryColumn('bigint')
  startOffset: string;

  @Column('bigint')
  sizeBytes: string;

  @Column('text', { unique: true })
  storageKey: string;
}
