import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { Outbox, type Page, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { SignedLinks } from '@msc/domain/courses';
import { type Actor, isAdmin } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { JobName, JobQueue } from '@msc/queue';
import {
  CeCertificateRenderer,
  type CeCertificate,
  FORMAT_OF_DELIVERY_MODE,
} from './ce-certificate.renderer.js';
import { chunked } from './chunked.js';
import { CeCreditsError, CeCreditsErrorCode } from './ce-credits.errors.js';
import { ceRosterCsv, type CeRosterLine } from './ce-roster.js';
import {
  type CeCreditListRow,
  type CeCreditRow,
  CeCreditsRepository,
} from './ce-credits.repository.js';

export interface CeCreditView {
  id: string;
  cohortId: string;
  courseId: string;
  courseCode: string;
  courseTitle: string;
  hours: number;
  certificateNumber: string;
  issuedAt: string;
  /** Opens the PDF without an Authorization header until certificateUrlExpiresAt. */
  certificateUrl: string;
  certificateUrlExpiresAt: string;
}

/** A credit in the admins' list: the view plus who holds it. */
export interface CeCreditAdminView extends CeCreditView {
  userId: string;
  holderName: string;
  licenseNumber: string | null;
}

export interface CeCreditVerification {
  valid: boolean;
  certificateNumber: string;
  holderName: string;
  courseTitle: string;
  courseCode: string;
  hours: number;
  format: string;
  firstSessionAt: string;
  lastSessionAt: string;
  accreditorStatement: string | null;
  issuedAt: string;
}

export interface CohortIssuance {
  cohortId: string;
  found: boolean;
  eligible: number;
  chunks: number;
}

export interface ChunkIssuance {
  cohortId: string;
  requested: number;
  issued: number;
  /** Qualifying enrollments that earned no hours (no session attended). */
  withoutHours: number;
}

/** CE credits: fan-out over a completed cohort, chunked idempotent issuance, certificates. */
@Injectable()
export class CeCreditsService {
  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly credits: CeCreditsRepository,
    private readonly jobs: JobQueue,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly renderer: CeCertificateRenderer,
    private readonly links: SignedLinks,
  ) {}

  /** An admin asks for issuance again (after late attendance, say); the worker does it. */
  async requestIssuance(
    actor: Actor,
    cohortId: string,
  ): Promise<{ cohortId: string; status: 'queued' }> {
    if (!(await this.credits.cohortExists(cohortId))) {
      throw new CeCreditsError(CeCreditsErrorCode.CohortNotFound, 'No such cohort', { cohortId });
    }
    await this.tx.transaction(async () => {
      // The outbox row id is the job id: each request is a run of its own.
      await this.outbox.add(
        { name: JobName.IssueCohortCeCredits, data: { cohortId } },
        { runOfItsOwn: true },
      );
      await this.audit.record({
        actorId: actor.id,
        action: 'ce_credits.issuance_requested',
        subject: `cohort/${cohortId}`,
      });
    });
    return { cohortId, status: 'queued' };
  }

  /**
   * Splits the cohort's eligible enrollments that hold no credit yet into chunk jobs. `batch`
   * names this run (the cohort job's id): a retry of the same run enqueues the same chunk ids,
   * which BullMQ does not add twice; the chunks themselves are idempotent besides.
   */
  async issueForCohort(cohortId: string, batch: string = randomUUID()): Promise<CohortIssuance> {
    // A cohort that is gone stays gone: nothing to retry.
    if (!(await this.credits.cohortExists(cohortId)))
      return { cohortId, found: false, eligible: 0, chunks: 0 };
    const eligible = await this.credits.uncreditedEligibleEnrollmentIds(cohortId);
    const chunks = chunked(eligible, this.config.CE_CHUNK_SIZE);
    await Promise.all(
      chunks.map((enrollmentIds) =>
        this.jobs.enqueue({
          name: JobName.IssueCeCreditChunk,
          data: { cohortId, batch, enrollmentIds },
        }),
      ),
    );
    return { cohortId, found: true, eligible: eligible.length, chunks: chunks.length };
  }

  /**
   * Issues the credits of up to a chunk of enrollments in one statement (CeCreditsRepository.issue):
   * who still qualifies, their hours, every credit (an enrollment already credited is skipped),
   * a notification for each credit it created and one audit record of them all commit together,
   * and nothing of the rows comes back but their counts.
   */
  async issueChunk(input: { cohortId: string; enrollmentIds: string[] }): Promise<ChunkIssuance> {
    const enrollmentIds = [...new Set(input.enrollmentIds)];
    const counts = await this.credits.issue(input.cohortId, enrollmentIds, [
      // Each credit's certificate number is drawn by the statement: the words take it from there.
      this.notifier.partPerRow(
        { kind: 'ce_certificate_ready', title: 'CE certificate ready', email: true },
        {
          userId: { format: '%s', columns: ['user_id'] },
          dedupeKey: { format: 'ce-credit-ready-%s', columns: ['id'] },
          body: {
            format:
              'Your continuing education certificate %s for %s (%s hours) is ready. ' +
              // Its download link is signed and expires: the CE credits page gives a fresh one.
              'Download it from your CE credits page.',
            columns: ['certificate_number', 'course_title', 'hours'],
          },
        },
      ),
      this.audit.partOverRows(
        { actorId: null, action: 'ce_credits.issued', subject: `cohort/${input.cohortId}` },
        { count: 'credits', collect: { certificateNumbers: 'certificate_number' } },
      ),
    ]);
    return {
      cohortId: input.cohortId,
      requested: enrollmentIds.length,
      issued: counts.issued,
      withoutHours: counts.qualifying - counts.withHours,
    };
  }

  async listMine(actor: Actor, page: { limit: number; offset: number }) {
    return this.toPage(await this.credits.listForUser(actor.id, page));
  }

  /** Every credit, for the admins who answer to accreditors. */
  async list(filter: {
    cohortId?: string;
    userId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: CeCreditAdminView[]; total: number }> {
    const page = await this.credits.list(filter);
    const views = await this.toPage(page);
    return {
      total: views.total,
      items: views.items.map((view, i) => {
        const row = page.items[i]!;
        return {
          ...view,
          userId: row.user_id,
          holderName: row.holder_name,
          licenseNumber: row.license_number,
        };
      }),
    };
  }

  /** The cohort's CE credits as a CSV roster (one line per credit) for its accreditor. */
  async rosterCsv(cohortId: string): Promise<{ fileName: string; body: string }> {
    const rows = await this.credits.roster(cohortId);
    if (rows.length === 0) {
      throw new CeCreditsError(CeCreditsErrorCode.CohortNotFound, 'No such cohort', { cohortId });
    }
    const lines: CeRosterLine[] = [];
    for (const row of rows) {
      if (row.certificate_number === null) continue;
      lines.push({
        name: row.holder_name,
        license_number: row.license_number,
        hours: row.hours,
        certificate_number: row.certificate_number,
        issued_at: row.issued_at?.toISOString() ?? null,
      });
    }
    return { fileName: `ce-roster-${cohortId}.csv`, body: ceRosterCsv(lines) };
  }

  /** The certificate as a PDF stream; only its holder and admins may have it. */
  async certificatePdf(actor: Actor, id: string): Promise<{ fileName: string; stream: Readable }> {
    const credit = await this.credits.findById(id);
    if (!credit || (credit.user_id !== actor.id && !isAdmin(actor))) {
      throw new CeCreditsError(CeCreditsErrorCode.CreditNotFound, 'No such CE credit');
    }
    return {
      fileName: `${credit.certificate_number}.pdf`,
      stream: await this.renderer.render(this.toCertificate(credit)),
    };
  }

  /** The certificate for whoever holds a signed link to it (checked before anything is read). */
  async certificatePdfByLink(
    id: string,
    link: { expires?: string; signature?: string },
  ): Promise<{ fileName: string; stream: Readable }> {
    await this.links.verify(signedCertificatePath(id), link.expires, link.signature);
    const credit = await this.credits.findById(id);
    if (!credit) throw new CeCreditsError(CeCreditsErrorCode.CreditNotFound, 'No such CE credit');
    return {
      fileName: `${credit.certificate_number}.pdf`,
      stream: await this.renderer.render(this.toCertificate(credit)),
    };
  }

  /** What anyone holding the verification link may see. */
  async verify(id: string): Promise<CeCreditVerification> {
    const credit = await this.credits.findById(id);
    if (!credit) throw new CeCreditsError(CeCreditsErrorCode.CreditNotFound, 'No such CE credit');
    return {
      valid: true,
      certificateNumber: credit.certificate_number,
      holderName: credit.holder_name,
      courseTitle: credit.course_title,
      courseCode: credit.course_code,
      hours: Number(credit.hours),
      format: FORMAT_OF_DELIVERY_MODE[credit.delivery_mode],
      firstSessionAt: credit.first_session_at.toISOString(),
      lastSessionAt: credit.last_session_at.toISOString(),
      accreditorStatement: credit.accreditor_statement,
      issuedAt: credit.issued_at.toISOString(),
    };
  }

  verificationUrl(id: string): string {
    return `${this.baseUrl}/api/v1/ce-credits/${id}/verify`;
  }

  private get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  private toCertificate(credit: CeCreditRow): CeCertificate {
    return {
      certificateNumber: credit.certificate_number,
      holderName: credit.holder_name,
      licenseNumber: credit.license_number,
      courseCode: credit.course_code,
      courseTitle: credit.course_title,
      deliveryMode: credit.delivery_mode,
      accreditorStatement: credit.accreditor_statement,
      hours: credit.hours,
      courseCeHours: credit.course_ce_hours,
      sessionsAttended: credit.sessions_attended,
      sessionsTotal: credit.sessions_total,
      firstSessionAt: credit.first_session_at,
      lastSessionAt: credit.last_session_at,
      timeZone: credit.time_zone,
      issuedAt: credit.issued_at,
      verificationUrl: this.verificationUrl(credit.id),
    };
  }

  private async toPage(
    page: Page<CeCreditListRow>,
  ): Promise<{ items: CeCreditView[]; total: number }> {
    const now = new Date();
    const items: CeCreditView[] = [];
    for (const row of page.items) {
      const link = await this.links.sign(signedCertificatePath(row.id), undefined, now);
      items.push({
        id: row.id,
        cohortId: row.cohort_id,
        courseId: row.course_id,
        courseCode: row.course_code,
        courseTitle: row.course_title,
        hours: Number(row.hours),
        certificateNumber: row.certificate_number,
        issuedAt: row.issued_at.toISOString(),
        certificateUrl: link.url,
        certificateUrlExpiresAt: link.expiresAt,
      });
    }
    return { items, total: page.total };
  }
}

/** The path a signed certificate link opens (the signature covers it and the expiry). */
export function signedCertificatePath(id: string): string {
  return `/api/v1/signed/ce-credits/${id}/certificate.pdf`;
}
