import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import {
  type BlobSource,
  BlobStore,
  sniffBlob,
  StorageError,
  StorageErrorCode,
} from '@msc/storage';
import { ApplicationsError, ApplicationsErrorCode } from './applications.errors.js';
import { applyDecision } from './decided-submissions.js';
import { AttestationKind, AttestationStatus } from './attestation.entity.js';
import {
  type AttestationListRow,
  type AttestationRow,
  AttestationsRepository,
} from './attestations.repository.js';
import {
  cleanFileName,
  describeBytes,
  EVIDENCE_CONTENT_TYPES,
  EVIDENCE_TYPE_NAMES,
  type StoredEvidence,
} from './evidence.js';

export interface AttestationView {
  id: string;
  traineeId: string;
  kind: AttestationKind;
  status: AttestationStatus;
  statement: string;
  evidence: { contentType: string; size: number; sha256: string; fileName: string | null } | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface AttestationListItem extends AttestationView {
  traineeName: string;
  decidedByName: string | null;
}

export interface EvidenceDownload {
  stream: Readable;
  contentType: string;
  size: number;
  /** A safe name for Content-Disposition, made from the id and the sniffed type. */
  fileName: string;
}

export type AttestationDecision = 'verified' | 'rejected';

/** What each kind attests, in the words a trainee reads. */
export const ATTESTATION_KIND_TITLES: Record<AttestationKind, string> = {
  [AttestationKind.DailyPractice2y]: 'two years of daily mindfulness practice',
  [AttestationKind.SilentRetreat5d]: 'a silent, teacher-led retreat of at least 5 days',
  [AttestationKind.GroupTeaching]: 'experience teaching meditation to groups',
};

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

export function toAttestationView(row: AttestationRow): AttestationView {
  return {
    id: row.id,
    traineeId: row.user_id,
    kind: row.kind,
    status: row.status,
    statement: row.statement,
    evidence: row.evidence_key
      ? {
          contentType: row.evidence_content_type!,
          size: Number(row.evidence_size),
          sha256: row.evidence_sha256!,
          fileName: row.evidence_file_name,
        }
      : null,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
  };
}

const toListItem = (row: AttestationListRow): AttestationListItem => ({
  ...toAttestationView(row),
  traineeName: row.trainee_name,
  decidedByName: row.decided_by_name,
});

/** Attestations of the personal-practice prerequisites, their evidence files, and their review. */
@Injectable()
export class AttestationsService {
  private readonly logger = new Logger(AttestationsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly attestations: AttestationsRepository,
    private readonly blobs: BlobStore,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  get evidenceMaxBytes(): number {
    return this.config.EVIDENCE_MAX_BYTES;
  }

  /**
   * Streams an evidence file into storage and judges it by its bytes. What is too large or not
   * an accepted type is refused and nothing of it is kept.
   */
  async storeEvidence(source: BlobSource, clientFileName?: string): Promise<StoredEvidence> {
    const maxBytes = this.evidenceMaxBytes;
    let stored;
    try {
      stored = await this.blobs.put(source, { prefix: 'evidence', maxBytes });
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.TooLarge) {
        throw new ApplicationsError(
          ApplicationsErrorCode.EvidenceTooLarge,
          `The evidence file is larger than the ${describeBytes(maxBytes)} allowed`,
          { maxBytes },
        );
      }
      throw error;
    }
    try {
      const type = await sniffBlob(this.blobs, stored.key);
      if (!type || !EVIDENCE_CONTENT_TYPES.has(type.mime)) {
        throw new ApplicationsError(
          ApplicationsErrorCode.EvidenceTypeUnsupported,
          `Evidence must be a ${EVIDENCE_TYPE_NAMES} file; this one is ${type ? type.mime : 'none of these'}`,
          { accepted: [...EVIDENCE_CONTENT_TYPES] },
        );
      }
      return { ...stored, contentType: type.mime, fileName: cleanFileName(clientFileName) };
    } catch (error) {
      await this.discardEvidence(stored);
      throw error;
    }
  }

  /** Removes evidence that will not belong to an attestation (the request was refused). */
  async discardEvidence(evidence: { key: string } | null | undefined): Promise<void> {
    if (!evidence) return;
    await this.blobs.delete(evidence.key).catch((error: unknown) => {
      this.logger.error({ err: error, key: evidence.key }, 'could not delete refused evidence');
    });
  }

  async submit(
    actor: Actor,
    input: { kind: AttestationKind; statement: string },
    evidence: StoredEvidence | null,
  ): Promise<AttestationView> {
    if (!evidence) {
      throw new ApplicationsError(
        ApplicationsErrorCode.EvidenceRequired,
        'An attestation needs its evidence: attach a file as evidence',
        { errors: [{ field: 'evidence', message: 'evidence is required (a PDF or an image)' }] },
      );
    }
    try {
      return await this.tx.transaction(async () => {
        const row = await this.attestations.insert({
          userId: actor.id,
          kind: input.kind,
          statement: input.statement.trim(),
          evidence,
        });
        // One of this kind is pending already (or a concurrent submission won the index).
        if (!row) throw alreadyPending(input.kind);
        await this.audit.record({
          actorId: actor.id,
          action: 'attestation.submitted',
          subject: `attestation/${row.id}`,
          details: { kind: row.kind, evidence: evidence?.contentType ?? null },
        });
        return toAttestationView(row);
      });
    } catch (error) {
      await this.discardEvidence(evidence);
      throw error;
    }
  }

  async listOwn(
    actor: Actor,
    query: { status?: AttestationStatus; limit: number; offset: number },
  ) {
    const page = await this.attestations.list({ ...query, userId: actor.id });
    return { items: page.items.map(toAttestationView), total: page.total };
  }

  async list(query: {
    status?: AttestationStatus;
    traineeId?: string;
    limit: number;
    offset: number;
  }) {
    const page = await this.attestations.list({ ...query, userId: query.traineeId });
    return { items: page.items.map(toListItem), total: page.total };
  }

  async get(actor: Actor, id: string): Promise<AttestationView> {
    return toAttestationView(await this.visible(actor, id));
  }

  async openEvidence(actor: Actor, id: string): Promise<EvidenceDownload> {
    const row = await this.visible(actor, id);
    if (!row.evidence_key) {
      throw new ApplicationsError(
        ApplicationsErrorCode.EvidenceNotFound,
        'This attestation has no evidence file',
      );
    }
    const contentType = row.evidence_content_type!;
    return {
      stream: await this.blobs.get(row.evidence_key),
      contentType,
      size: Number(row.evidence_size),
      fileName: `attestation-${row.id}.${EXTENSIONS[contentType] ?? 'bin'}`,
    };
  }

  async decide(
    actor: Actor,
    id: string,
    input: { decision: AttestationDecision; note?: string | null },
  ): Promise<AttestationView> {
    const status =
      input.decision === 'verified' ? AttestationStatus.Verified : AttestationStatus.Rejected;
    const note = input.note?.trim() || null;
    return this.tx.transaction(async () => {
      const row = await applyDecision({
        submissions: this.attestations,
        audit: this.audit,
        actor,
        id,
        status,
        note,
        what: 'attestation',
        notFound: () => this.notFound(),
        alreadyDecided: (current) =>
          new ApplicationsError(
            ApplicationsErrorCode.AttestationNotPending,
            `This attestation was already ${current}`,
            { currentStatus: current },
          ),
      });
      const what = ATTESTATION_KIND_TITLES[row.kind];
      await this.notifier.notify({
        userId: row.user_id,
        dedupeKey: `attestation-decided-${row.id}`,
        kind: `attestation_${row.status}`,
        title:
          row.status === AttestationStatus.Verified
            ? 'Your attestation was verified'
            : 'Your attestation was not accepted',
        body:
          row.status === AttestationStatus.Verified
            ? `Your attestation of ${what} was verified.`
            : `Your attestation of ${what} was not accepted${note ? `: ${note}` : '.'} You may submit a new one.`,
        email: true,
      });
      return toAttestationView(row);
    });
  }

  /** The attestation, if the actor may see it: its trainee or an admin (others learn nothing). */
  private async visible(actor: Actor, id: string): Promise<AttestationRow> {
    const row = await this.attestations.findById(id);
    if (!row || (row.user_id !== actor.id && !isAdmin(actor))) throw this.notFound();
    return row;
  }

  private notFound(): ApplicationsError {
    return new ApplicationsError(ApplicationsErrorCode.AttestationNotFound, 'No such attestation');
  }
}

function alreadyPending(kind: AttestationKind): ApplicationsError {
  return new ApplicationsError(
    ApplicationsErrorCode.AttestationAlreadyPending,
    `Your attestation of ${ATTESTATION_KIND_TITLES[kind]} is still waiting for review; send another once it is decided`,
    { kind },
  );
}
