import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

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
@Index('attestations_one_pending_per_kind', ['userId', 'kind'], {
  unique: true,
  where: `"status" = 'pending'`,
})
@Check('attestations_decision_check', `("status" = 'pending') = ("decided_at" IS NULL)`)
@Check(
  'attestations_evidence_check',
  '("evidence_key" IS NULL) = ("evidence_content_type" IS NULL) AND ("evidence_key" IS NULL) = ("evidence_size" IS NULL) AND ("evidence_key" IS NULL) = ("evidence_sha256" IS NULL)',
)
@Check(
  'attestations_kind_check',
  `"kind" IN ('daily_practice_2y', 'silent_retreat_5d', 'group_teaching')`,
)
@Check('attestations_statement_check', 'char_length("statement") BETWEEN 1 AND 5000')
@Check('attestations_status_check', `"status" IN ('pending', 'verified', 'rejected')`)
@Unique('attestations_evidence_key_key', ['evidenceKey'])
export class Attestation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'attestations_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'attestations_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @Column('text')
  kind: AttestationKind;

  @Column('text')
  statement: string;

  @Column('text', { default: AttestationStatus.Pending })
  status: AttestationStatus;

  @Column('text', { nullable: true })
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
  @ForeignKey('users', { name: 'attestations_decided_by_fkey', onDelete: 'SET NULL' })
  decidedBy: string | null;

  @Column('text', { nullable: true })
  decisionNote: string | null;
}
