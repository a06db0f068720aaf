import { Injectable } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { ProgressService, RequirementKind, type UnmetRequirement } from '@msc/domain/pathway';
import { JobName } from '@msc/queue';
import type { CertificationRequestStatus } from './certification-request.entity.js';
import {
  type CertificationRequestListRow,
  CertificationRequestsRepository,
  type CertificationRequestRow,
} from './certification-requests.repository.js';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors.js';
import { DESIGNATIONS, type Designation } from './designation.js';
import { DesignationsRepository } from './designations.repository.js';

export interface CertificationRequestView {
  id: string;
  traineeId: string;
  traineeName: string;
  designation: Designation;
  status: CertificationRequestStatus;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A request as an admin's list shows it: with who decided it, by name. */
export interface CertificationRequestListItem extends CertificationRequestView {
  decidedByName: string | null;
}

const toView = (row: CertificationRequestRow): CertificationRequestView => ({
  id: row.id,
  traineeId: row.trainee_id,
  traineeName: row.trainee_name,
  designation: row.designation,
  status: row.status,
  note: row.note,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

/** Certification requests: a trainee asks once eligible, an admin approves or rejects. */
@Injectable()
export class CertificationService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly requests: CertificationRequestsRepository,
    private readonly designations: DesignationsRepository,
    private readonly progress: ProgressService,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
  ) {}

  /** What still stands between the trainee and asking for `designation` (empty when eligible). */
  async unmetFor(traineeId: string, designation: Designation): Promise<UnmetRequirement[]> {
    const definition = DESIGNATIONS[designation];
    const [unmet, prerequisiteHeld] = await Promise.all([
      // The stage that leads to the designation, wherever the trainee's version puts it.
      this.progress.unmetFor(
        traineeId,
        { throughDesignation: designation },
        {
          excludeKinds: [RequirementKind.AdminApproval],
        },
      ),
      definition.requires
        ? this.designations.isHeld(traineeId, definition.requires)
        : Promise.resolve(true),
    ]);
    if (definition.requires && !prerequisiteHeld) {
      const name = DESIGNATIONS[definition.requires].achievementName;
      unmet.unshift({
        key: `designation.${definition.requires}`,
        title: `Be approved as a ${name}`,
        have: 0,
        need: 1,
        detail: `The ${name} designation must be granted first`,
      });
    }
    return unmet;
  }

  async request(
    actor: Actor,
    designation: Designation,
  ): Promise<{ id: string; status: 'pending_review' }> {
    const unmet = await this.unmetFor(actor.id, designation);
    if (unmet.length > 0) {
      throw new CredentialsError(
        CredentialsErrorCode.RequirementsUnmet,
        `${unmet.length} requirement(s) must be met before asking to be a ${DESIGNATIONS[designation].achievementName}`,
        { unmet: unmet.map(({ key, title, have, need }) => ({ key, title, have, need })) },
      );
    }
    return this.tx.transaction(async () => {
      const created = await this.requests.insertPending(actor.id, designation);
      if (!created) {
        throw new CredentialsError(
          CredentialsErrorCode.RequestAlreadyOpen,
          'A request for this designation is already pending or approved',
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'certification.requested',
        subject: `certification_request/${created.id}`,
        details: { designation },
      });
      const name = DESIGNATIONS[designation].achievementName;
      await this.notifier.notifyAdmins(`certification-requested-${created.id}`, {
        kind: 'certification_requested',
        title: `A ${name} certification request awaits your decision`,
        body: `Certification request ${created.id} to be a ${name} awaits a decision.`,
        email: true,
      });
      return { id: created.id, status: 'pending_review' as const };
    });
  }

  /**
   * Approves or rejects a pending request. Approval grants the designation and queues the
   * credential's issuance in the same transaction; of two concurrent decisions only one applies.
   */
  async decide(
    actor: Actor,
    requestId: string,
    decision: 'approved' | 'rejected',
    note: string | null,
  ): Promise<CertificationRequestView & { designationId: string | null }> {
    return this.tx.transaction(async () => {
      const decided = await this.requests.decide(requestId, decision, actor.id, note);
      if (!decided) {
        const existing = await this.requests.findById(requestId);
        if (!existing) {
          throw new CredentialsError(
            CredentialsErrorCode.RequestNotFound,
            'No certification request has this id',
          );
        }
        throw new CredentialsError(
          CredentialsErrorCode.RequestAlreadyDecided,
          `This request was already decided (${existing.status})`,
        );
      }
      // Nobody certifies themselves; thrown inside the transaction, the decision rolls back.
      if (decided.trainee_id === actor.id) {
        throw new CredentialsError(
          CredentialsErrorCode.OwnRequest,
          'You cannot decide your own certification request; another admin decides it',
        );
      }
      const name = DESIGNATIONS[decided.designation].achievementName;
      let designationId: string | null = null;
      if (decision === 'approved') {
        const granted = await this.designations.grant({
          traineeId: decided.trainee_id,
          designation: decided.designation,
          certificationRequestId: decided.id,
          grantedBy: actor.id,
        });
        if (!granted) {
          throw new CredentialsError(
            CredentialsErrorCode.RequestAlreadyDecided,
            'The trainee already holds this designation',
          );
        }
        designationId = granted.id;
        await this.outbox.add(
          { name: JobName.IssueCredential, data: { designationId } },
          { runOfItsOwn: true },
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: `certification.${decision}`,
        subject: `certification_request/${decided.id}`,
        details: {
          designation: decided.designation,
          traineeId: decided.trainee_id,
          designationId,
          note,
        },
      });
      await this.notifier.notify({
        userId: decided.trainee_id,
        dedupeKey: `certification-decided-${decided.id}`,
        kind: `certification_${decision}`,
        title:
          decision === 'approved'
            ? `You are now a ${name}`
            : `Your ${name} request was not approved`,
        body:
          decision === 'approved'
            ? `Your request to be a ${name} was approved. Your signed credential will appear in your credentials shortly.`
            : `Your request to be a ${name} was not approved.${note ? ` Note from the reviewer: ${note}` : ''}`,
        email: true,
      });
      const view = toView((await this.requests.findById(decided.id))!);
      return { ...view, designationId };
    });
  }

  async list(filter: {
    status?: CertificationRequestStatus;
    traineeId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: CertificationRequestView[]; total: number }> {
    const { items, total } = await this.requests.list(filter);
    return { items: items.map(toView), total };
  }

  /** The admin's list: each request with the deciding admin's display name. */
  async listForAdmin(filter: {
    status?: CertificationRequestStatus;
    traineeId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: CertificationRequestListItem[]; total: number }> {
    const { items, total } = await this.requests.list(filter);
    return {
      items: items.map((row: CertificationRequestListRow) => ({
        ...toView(row),
        decidedByName: row.decided_by_name,
      })),
      total,
    };
  }

  async get(actor: Actor, id: string): Promise<CertificationRequestView> {
    const row = await this.requests.findById(id);
    if (!row || (row.trainee_id !== actor.id && !isAdmin(actor))) {
      throw new CredentialsError(
        CredentialsErrorCode.RequestNotFound,
        'No certification request has this id',
      );
    }
    return toView(row);
  }
}
