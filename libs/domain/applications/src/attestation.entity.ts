import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum AttestationKind {
  DailyPractice2y = 'daily_practice_2y',
  SilentRetreat5d = 'silent_retreat_5d',
  GroupTeaching = 'group_teaching',
}

export enum AttestationStatus {
  Pending = 'pending',
  Verified = 'verified',
  Rejected = 'rejected',
}

/**
 * A trainee's statement that they meet a personal-practice prerequisite, with an optional evidence
 * file (kept in the BlobStore; its type sniffed from its bytes), verified or rejected by an admin.
 * A new one of a kind supersedes nothing: any verified one counts.
 */
@Entity('attestations')
@Index('attestations_user_kind_status_idx', ['userId', 'kind', 'status'])
@Index('attestations_status_created_idx', ['status', 'createdAt'])
@Index('attestations_decided_by_idx', ['decidedBy'])
export class Attestation {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  kind: AttestationKind;

  @Column('text')
  statement: string;

  @Column('text', { default: AttestationStatus.Pending })
  status: AttestationStatus;

  @Column('text', { nullable: true, unique: true })
  evidenceKey: string | null;

  /** Sniffed from the file's bytes, never taken from the client. */
  @Column('text', { nullable: true })
  evidenceContentType: string | null;

  @Column('bigint', { nullable: true })
  evidenceSize: string | null;

  @Column('text', { nullable: true })
  evidenceSha256: string | null;

  /** The name the trainee's file had, for display only. */
  @Column('text', { nullable: true })
  evidenceFileName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { nullable: true })
  decidedBy: string | null;

  @Column('text', { nullable: true })
  decisionNote: string | null;
}
