import { createHash, randomBytes } from 'node:crypto';
import { DESIGNATIONS, type Designation } from './designation.js';
import type { StatusPurpose } from './status-list.entity.js';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const VC_JWT_TYPE = 'vc+jwt';
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

export interface IssuerProfile {
  id: string;
  name: string;
}

export interface StatusEntryInput {
  purpose: StatusPurpose;
  listUrl: string;
  index: number;
}

export interface OpenBadgeInput {
  credentialId: string;
  issuer: IssuerProfile;
  /** Where the achievement definitions live, e.g. `${base}/achievements`. */
  achievementBaseUrl: string;
  holder: { id: string; name: string; email: string };
  designation: Designation;
  validFrom: Date;
  statuses: StatusEntryInput[];
}

export const credentialUri = (id: string) => `urn:uuid:${id}`;
export const holderUri = (id: string) => `urn:uuid:${id}`;

/** A salted hash of the e-mail: identifies the holder to someone who knows it, reveals it to no one. */
export function hashedEmailIdentity(email: string, salt = randomBytes(12).toString('base64url')) {
  return {
    type: 'IdentityObject',
    identityType: 'emailAddress',
    hashed: true,
    identityHash: `sha256$${createHash('sha256')
      .update(email.toLowerCase() + salt)
      .digest('hex')}`,
    salt,
  };
}

/** A W3C Verifiable Credential 2.0 shaped as an Open Badges 3.0 OpenBadgeCredential. */
export function buildOpenBadgeCredential(input: OpenBadgeInput): Record<string, unknown> {
  const definition = DESIGNATIONS[input.designation];
  return {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: credentialUri(input.credentialId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: definition.achievementName,
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name },
    validFrom: input.validFrom.toISOString(),
    credentialSubject: {
      id: holderUri(input.holder.id),
      type: ['AchievementSubject'],
      name: input.holder.name,
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'name',
          hashed: false,
          identityHash: input.holder.name,
        },
        hashedEmailIdentity(input.holder.email),
      ],
      achievement: {
        id: `${input.achievementBaseUrl}/${input.designation}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: definition.achievementName,
        description: definition.description,
        criteria: { narrative: definition.criteria },
      },
    },
    credentialStatus: input.statuses.map((status) => ({
      id: `${status.listUrl}#${status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: status.purpose,
      statusListIndex: String(status.index),
      statusListCredential: status.listUrl,
    })),
  };
}

/** The credential that publishes a status list (its bits GZIP-compressed and multibase-encoded). */
export function buildStatusListCredential(input: {
  listUrl: string;
  issuer: IssuerProfile;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: Date;
  validUntil: Date;
}): Record<string, unknown> {
  return {
    '@context': [VC_CONTEXT_V2],
    id: input.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name },
    validFrom: input.validFrom.toISOString(),
    validUntil: input.validUntil.toISOString(),
    credentialSubject: {
      id: `${input.listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
}
