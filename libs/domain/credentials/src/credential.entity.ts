import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Designation } from './designation.js';

export type CredentialStatus = 'active' | 'suspended' | 'revoked';

/** The signed Open Badges credential of one designation: exactly one per designation. */
@Entity('credentials')
@Unique('credentials_designation_uq', ['designationId'])
@Unique('credentials_revocation_entry_uq', ['revocationListId', 'revocationIndex'])
@Unique('credentials_suspension_entry_uq', ['suspensionListId', 'suspensionIndex'])
@Index('credentials_holder_idx', ['holderId', 'issuedAt'])
@Index('credentials_kid_idx', ['kid'])
@Index('credentials_suspension_list_idx', ['suspensionListId'])
@Index('credentials_status_changed_by_idx', ['statusChangedBy'])
@Index('credentials_status_idx', ['status'])
export class Credential {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  designationId: string;

  @Column('uuid')
  holderId: string;

  /** The name as signed into the credential. */
  @Column('text')
  holderName: string;

  @Column('text')
  designation: Designation;

  @Column('text', { default: 'active' })
  status: CredentialStatus;

  @Column('text')
  kid: string;

  /** The compact JWS (vc+jwt) exactly as issued. */
  @Column('text')
  jwt: string;

  @Column('timestamptz')
  issuedAt: Date;

  @Column('uuid')
  revocationListId: string;

  @Column('integer')
  revocationIndex: number;

  @Column('uuid')
  suspensionListId: string;

  @Column('integer')
  suspensionIndex: number;

  @Column('timestamptz', { nullable: true })
  statusChangedAt: Date | null;

  @Column('uuid', { nullable: true })
  statusChangedBy: string | null;

  @Column('text', { nullable: true })
  statusReason: string | null;
}
