import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Designation } from './designation.js';

export type CredentialStatus = 'active' | 'suspended' | 'revoked';

/** The signed Open Badges credential of one designation: exactly one per designation. */
@Entity('credentials')
@Unique('credentials_designation_uq', ['designationId'])
@Unique('credentials_revocation_entry_uq', ['revocationListId', 'revocationIndex'])
@Unique('credentials_suspension_entry_uq', ['suspensionListId', 'suspensionIndex'])
@Index('credentials_holder_idx', ['holderId', 'issuedAt'])
@Index('credentials_issued_idx', ['issuedAt', 'id'])
@Index('credentials_kid_idx', ['kid'])
@Index('credentials_suspension_list_idx', ['suspensionListId'])
@Index('credentials_status_changed_by_idx', ['statusChangedBy'])
@Index('credentials_status_idx', ['status'])
@Check('credentials_designation_chk', `"designation" IN ('trained_teacher', 'certified_teacher')`)
@Check('credentials_index_chk', '"revocation_index" >= 0 AND "suspension_index" >= 0')
@Check('credentials_status_chk', `"status" IN ('active', 'suspended', 'revoked')`)
export class Credential {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_credentials' })
  id: string;

  @Column('uuid')
  @ForeignKey('designations', { name: 'credentials_designation_fk', onDelete: 'RESTRICT' })
  designationId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'credentials_holder_fk', onDelete: 'CASCADE' })
  holderId: string;

  /** The name as signed into the credential. */
  @Column('text')
  holderName: string;

  @Column('text')
  designation: Designation;

  @Column('text', { default: 'active' })
  status: CredentialStatus;

  @Column('text')
  @ForeignKey('signing_keys', { name: 'credentials_kid_fk', onDelete: 'RESTRICT' })
  kid: string;

  /** The compact JWS (vc+jwt) exactly as issued. */
  @Column('text')
  jwt: string;

  @Column('timestamptz')
  issuedAt: Date;

  @Column('uuid')
  @ForeignKey('status_lists', { name: 'credentials_revocation_list_fk', onDelete: 'RESTRICT' })
  revocationListId: string;

  @Column('integer')
  revocationIndex: number;

  @Column('uuid')
  @ForeignKey('status_lists', { name: 'credentials_suspension_list_fk', onDelete: 'RESTRICT' })
  suspensionListId: string;

  @Column('integer')
  suspensionIndex: number;

  @Column('timestamptz', { nullable: true })
  statusChangedAt: Date | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('users', { name: 'credentials_status_changed_by_fk', onDelete: 'SET NULL' })
  statusChangedBy: string | null;

  @Column('text', { nullable: true })
  statusReason: string | null;
}
