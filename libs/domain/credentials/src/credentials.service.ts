import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { SignedLinks } from '@msc/domain/courses';
import { type Actor, isAdmin } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { encodeStatusList } from './bitstring-status-list.js';
import { CertificationRequestsRepository } from './certification-requests.repository.js';
import type { CredentialStatus } from './credential.entity.js';
import { CredentialCertificateRenderer } from './credential-certificate.renderer.js';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors.js';
import {
  type AdminCredentialFilter,
  CredentialsRepository,
  type CredentialRow,
} from './credentials.repository.js';
import { DESIGNATIONS, type Designation } from './designation.js';
import { DesignationsRepository } from './designations.repository.js';
import {
  buildOpenBadgeCredential,
  buildStatusListCredential,
  credentialUri,
  holderUri,
  type IssuerProfile,
  VC_JWT_TYPE,
} from './open-badge.js';
import { SigningKeys } from './signing-keys.js';
import { StatusListsRepository } from './status-lists.repository.js';

export type IssueOutcome =
  | { credentialId: string; issued: boolean }
  | { credentialId: null; issued: false; skipped: 'designation_not_found' | 'designation_revoked' };

export interface CredentialVerification {
  id: string;
  valid: boolean;
  signatureValid: boolean;
  status: CredentialStatus;
  designation: Designation;
  achievement: string;
  holderName: string;
  issuedAt: string;
  issuer: IssuerProfile;
  statusChangedAt: string | null;
}

export interface CredentialSummary {
  id: string;
  designation: Designation;
  achievement: string;
  status: CredentialStatus;
  issuedAt: string;
  /** The public verification page. */
  verificationUrl: string;
  /** The PDF certificate, opening without an Authorization header until pdfUrlExpiresAt. */
  pdfUrl: string;
  pdfUrlExpiresAt: string;
  /** LinkedIn's add-certification link, carrying certUrl = verificationUrl. */
  linkedInUrl: string;
}

/** A credential in the admins' list. */
export interface AdminCredentialView {
  id: string;
  holderId: string;
  /** The holder's name as signed into the credential. */
  holderName: string;
  holderEmail: string;
  designation: Designation;
  achievement: string;
  status: CredentialStatus;
  issuedAt: string;
  /** When it was revoked; null unless revoked. */
  revokedAt: string | null;
  /** When it was suspended; null unless suspended. */
  suspendedAt: string | null;
  /** Why it was revoked or suspended; null while active. */
  reason: string | null;
  verificationUrl: string;
}

/** The path a signed credential PDF link opens (the signature covers it and the expiry). */
export function signedCredentialPdfPath(id: string): string {
  return `/api/v1/signed/credentials/${id}/certificate.pdf`;
}

/** LinkedIn's "add to profile" link for a certification (its documented query parameters). */
export function linkedInAddUrl(input: {
  name: string;
  organizationName: string;
  issuedAt: Date;
  certUrl: string;
  certId: string;
}): string {
  const query = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: input.name,
    organizationName: input.organizationName,
    issueYear: String(input.issuedAt.getUTCFullYear()),
    issueMonth: String(input.issuedAt.getUTCMonth() + 1),
    certUrl: input.certUrl,
    certId: input.certId,
  });
  return `https://www.linkedin.com/profile/add?${query.toString()}`;
}

const ISSUE_ATTEMPTS = 5;
/** How long a fetched status list may be relied on before it is fetched again. */
const STATUS_LIST_TTL_MS = 24 * 3600_000;

/**
 * Signed Open Badges credentials: issued exactly once per designation, verifiable offline
 * against the JWKS, revocable and suspendable through W3C Bitstring Status Lists.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly credentials: CredentialsRepository,
    private readonly designations: DesignationsRepository,
    private readonly requests: CertificationRequestsRepository,
    private readonly statusLists: StatusListsRepository,
    private readonly keys: SigningKeys,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly renderer: CredentialCertificateRenderer,
    private readonly links: SignedLinks,
  ) {}

  get issuer(): IssuerProfile {
    return { id: this.baseUrl, name: this.config.CREDENTIALS_ISSUER_NAME };
  }

  statusListUrl(listId: string): string {
    return `${this.baseUrl}/api/v1/credentials/status/${listId}`;
  }

  verificationPageUrl(credentialId: string): string {
    return `${this.baseUrl}/verify/${credentialId}`;
  }

  /**
   * Issues the designation's credential. Idempotent: the unique designation id makes a retried
   * job, a worker killed after the commit or two concurrent runs end with one credential.
   */
  async issue(designationId: string): Promise<IssueOutcome> {
    const existing = await this.credentials.findByDesignation(designationId);
    if (existing) return { credentialId: existing.id, issued: false };
    const holder = await this.designations.findWithHolder(designationId);
    if (!holder) return { credentialId: null, issued: false, skipped: 'designation_not_found' };
    if (holder.revoked_at) {
      return { credentialId: null, issued: false, skipped: 'designation_revoked' };
    }
    for (let attempt = 0; attempt < ISSUE_ATTEMPTS; attempt++) {
      const outcome = await this.tx.transaction(async () => {
        const revocation = await this.statusLists.pickFreeIndex('revocation');
        const suspension = await this.statusLists.pickFreeIndex('suspension');
        const id = randomUUID();
        // Whole seconds, so that validFrom and the JWT's iat/nbf say the same instant.
        const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
        const vc = buildOpenBadgeCredential({
          credentialId: id,
          issuer: this.issuer,
          achievementBaseUrl: `${this.baseUrl}/achievements`,
          holder: { id: holder.holder_id, name: holder.holder_name, email: holder.holder_email },
          designation: holder.designation,
          validFrom: issuedAt,
          statuses: [
            {
              purpose: 'revocation',
              listUrl: this.statusListUrl(revocation.listId),
              index: revocation.index,
            },
            {
              purpose: 'suspension',
              listUrl: this.statusListUrl(suspension.listId),
              index: suspension.index,
            },
          ],
        });
        const seconds = issuedAt.getTime() / 1000;
        const { jwt, kid } = await this.keys.sign(
          {
            ...vc,
            iss: this.issuer.id,
            sub: holderUri(holder.holder_id),
            jti: credentialUri(id),
            iat: seconds,
            nbf: seconds,
          },
          VC_JWT_TYPE,
        );
        const inserted = await this.credentials.insert({
          id,
          designationId,
          holderId: holder.holder_id,
          holderName: holder.holder_name,
          designation: holder.designation,
          kid,
          jwt,
          issuedAt,
          revocationListId: revocation.listId,
          revocationIndex: revocation.index,
          suspensionListId: suspension.listId,
          suspensionIndex: suspension.index,
        });
        if (!inserted) {
          const winner = await this.credentials.findByDesignation(designationId);
          // null: a concurrent issuance took the picked list index; pick again.
          return winner ? { credentialId: winner.id, issued: false } : null;
        }
        const name = DESIGNATIONS[holder.designation].achievementName;
        await this.audit.record({
          actorId: null,
          action: 'credential.issued',
          subject: `credential/${id}`,
          details: { designationId, designation: holder.designation, kid },
        });
        await this.notifier.notify({
          userId: holder.holder_id,
          dedupeKey: `credential-issued-${designationId}`,
          kind: 'credential_issued',
          title: `Your ${name} credential is ready`,
          body: `Your signed ${name} credential has been issued. Anyone can verify it at ${this.verificationPageUrl(id)}`,
          email: true,
        });
        return { credentialId: id, issued: true };
      });
      if (outcome) return outcome;
    }
    throw new Error(`no free status list index after ${ISSUE_ATTEMPTS} attempts`);
  }

  async listMine(holderId: string): Promise<{ items: CredentialSummary[] }> {
    const rows = await this.credentials.listByHolder(holderId);
    const now = new Date();
    const items: CredentialSummary[] = [];
    for (const r of rows) {
      const pdf = await this.links.sign(signedCredentialPdfPath(r.id), undefined, now);
      const verificationUrl = this.verificationPageUrl(r.id);
      const achievement = DESIGNATIONS[r.designation].achievementName;
      items.push({
        id: r.id,
        designation: r.designation,
        achievement,
        status: r.status,
        issuedAt: r.issued_at.toISOString(),
        verificationUrl,
        pdfUrl: pdf.url,
        pdfUrlExpiresAt: pdf.expiresAt,
        linkedInUrl: linkedInAddUrl({
          name: achievement,
          organizationName: this.issuer.name,
          issuedAt: r.issued_at,
          certUrl: verificationUrl,
          certId: r.id,
        }),
      });
    }
    return { items };
  }

  /** Every credential, newest first, filtered by status, designation or holder. */
  async list(
    filter: AdminCredentialFilter,
  ): Promise<{ items: AdminCredentialView[]; total: number }> {
    const page = await this.credentials.list(filter);
    return {
      total: page.total,
      items: page.items.map((r) => {
        const changedAt = r.status_changed_at?.toISOString() ?? null;
        return {
          id: r.id,
          holderId: r.holder_id,
          holderName: r.holder_name,
          holderEmail: r.holder_email,
          designation: r.designation,
          achievement: DESIGNATIONS[r.designation].achievementName,
          status: r.status,
          issuedAt: r.issued_at.toISOString(),
          revokedAt: r.status === 'revoked' ? changedAt : null,
          suspendedAt: r.status === 'suspended' ? changedAt : null,
          reason: r.status === 'active' ? null : r.status_reason,
          verificationUrl: this.verificationPageUrl(r.id),
        };
      }),
    };
  }

  /** The credential as issued: a compact JWS of media type application/vc+jwt. */
  async signedCredential(id: string): Promise<string> {
    return (await this.find(id)).jwt;
  }

  async verify(id: string): Promise<CredentialVerification> {
    const row = await this.find(id);
    const signatureValid = await this.signatureValid(row.jwt);
    return {
      id: row.id,
      valid: signatureValid && row.status === 'active',
      signatureValid,
      status: row.status,
      designation: row.designation,
      achievement: DESIGNATIONS[row.designation].achievementName,
      holderName: row.holder_name,
      issuedAt: row.issued_at.toISOString(),
      issuer: this.issuer,
      statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    };
  }

  /** The status list as a signed BitstringStatusListCredential (vc+jwt). */
  async statusListCredential(listId: string): Promise<string> {
    const list = await this.statusLists.findById(listId);
    if (!list) {
      throw new CredentialsError(CredentialsErrorCode.StatusListNotFound, 'No such status list');
    }
    const encodedList = encodeStatusList(list.size, await this.statusLists.setIndexes(list));
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const url = this.statusListUrl(list.id);
    const vc = buildStatusListCredential({
      listUrl: url,
      issuer: this.issuer,
      purpose: list.purpose,
      encodedList,
      validFrom: now,
      validUntil: new Date(now.getTime() + STATUS_LIST_TTL_MS),
    });
    const seconds = now.getTime() / 1000;
    const { jwt } = await this.keys.sign(
      {
        ...vc,
        iss: this.issuer.id,
        sub: `${url}#list`,
        jti: url,
        iat: seconds,
        nbf: seconds,
        exp: seconds + STATUS_LIST_TTL_MS / 1000,
      },
      VC_JWT_TYPE,
    );
    return jwt;
  }

  async revoke(actor: Actor, id: string, reason: string): Promise<CredentialVerification> {
    await this.tx.transaction(async () => {
      const row = await this.credentials.changeStatus(
        id,
        ['active', 'suspended'],
        'revoked',
        actor.id,
        reason,
      );
      if (!row) {
        await this.find(id);
        throw new CredentialsError(
          CredentialsErrorCode.CredentialAlreadyRevoked,
          'This credential is already revoked',
        );
      }
      const designation = await this.designations.revoke(row.designation_id, reason);
      if (designation) await this.requests.markRevoked(designation.certification_request_id);
      await this.audit.record({
        actorId: actor.id,
        action: 'credential.revoked',
        subject: `credential/${id}`,
        details: { reason, designationId: row.designation_id, holderId: row.holder_id },
      });
      const name = DESIGNATIONS[row.designation].achievementName;
      await this.notifier.notify({
        userId: row.holder_id,
        dedupeKey: `credential-revoked-${id}`,
        kind: 'credential_revoked',
        title: `Your ${name} credential was revoked`,
        body: `Your ${name} credential was revoked. Reason: ${reason}`,
        email: true,
      });
    });
    return this.verify(id);
  }

  async suspend(actor: Actor, id: string, reason: string): Promise<CredentialVerification> {
    return this.changeSuspension(actor, id, 'suspended', reason);
  }

  async reinstate(
    actor: Actor,
    id: string,
    reason: string | null,
  ): Promise<CredentialVerification> {
    return this.changeSuspension(actor, id, 'active', reason);
  }

  /** The PDF certificate, for its holder and admins. */
  async certificatePdf(actor: Actor, id: string): Promise<Buffer> {
    const row = await this.find(id);
    if (row.holder_id !== actor.id && !isAdmin(actor)) {
      throw new CredentialsError(
        CredentialsErrorCode.CredentialNotVisible,
        'Only the holder and admins may download this certificate',
      );
    }
    return this.renderCertificate(row);
  }

  /** The PDF certificate for whoever holds a signed link to it (checked before anything is read). */
  async certificatePdfByLink(
    id: string,
    link: { expires?: string; signature?: string },
  ): Promise<Buffer> {
    await this.links.verify(signedCredentialPdfPath(id), link.expires, link.signature);
    return this.renderCertificate(await this.find(id));
  }

  private renderCertificate(row: CredentialRow): Promise<Buffer> {
    const definition = DESIGNATIONS[row.designation];
    return this.renderer.render({
      credentialId: row.id,
      holderName: row.holder_name,
      achievementName: definition.achievementName,
      description: definition.description,
      issuerName: this.issuer.name,
      issuedAt: row.issued_at,
      status: row.status,
      verificationUrl: this.verificationPageUrl(row.id),
    });
  }

  private async changeSuspension(
    actor: Actor,
    id: string,
    to: 'suspended' | 'active',
    reason: string | null,
  ): Promise<CredentialVerification> {
    await this.tx.transaction(async () => {
      const from: CredentialStatus = to === 'suspended' ? 'active' : 'suspended';
      const row = await this.credentials.changeStatus(id, [from], to, actor.id, reason);
      if (!row) {
        const current = await this.find(id);
        throw new CredentialsError(
          CredentialsErrorCode.CredentialStatusUnchanged,
          `The credential is ${current.status}, not ${from}`,
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: to === 'suspended' ? 'credential.suspended' : 'credential.reinstated',
        subject: `credential/${id}`,
        details: { reason },
      });
    });
    return this.verify(id);
  }

  private async find(id: string): Promise<CredentialRow> {
    const row = await this.credentials.findById(id);
    if (!row) {
      throw new CredentialsError(
        CredentialsErrorCode.CredentialNotFound,
        'No credential has this id',
      );
    }
    return row;
  }

  private async signatureValid(jwt: string): Promise<boolean> {
    try {
      const { kid } = decodeProtectedHeader(jwt);
      const key = kid ? await this.keys.publicKey(kid) : null;
      if (!key) return false;
      await jwtVerify(jwt, key, { algorithms: ['EdDSA'], typ: VC_JWT_TYPE });
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'a stored credential failed verification');
      return false;
    }
  }

  private get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }
}
