import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { type PathwayStep, ProgressService, RequirementKind } from '@msc/domain/pathway';
import { ApplicationsError, ApplicationsErrorCode } from './applications.errors.js';
import { applyDecision } from './decided-submissions.js';
import { ApplicationKind, ApplicationStatus } from './training-application.entity.js';
import {
  type TrainingApplicationListRow,
  type TrainingApplicationRow,
  TrainingApplicationsRepository,
} from './training-applications.repository.js';

export interface ApplicationView {
  id: string;
  traineeId: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  statement: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface ApplicationListItem extends ApplicationView {
  traineeName: string;
  decidedByName: string | null;
}

export type ApplicationDecision = 'approved' | 'rejected';

/**
 * What an application needs met first: everything the trainee's pathway lists before the
 * requirement that this application be approved, wherever the version puts it (no stage key).
 */
export function applicationPrerequisites(kind: ApplicationKind): PathwayStep {
  return {
    before: (r) =>
      r.kind === RequirementKind.ApplicationApproved && r.params.applicationKind === kind,
    describe: `requirement of an approved ${kind} application`,
  };
}

const KIND_TITLES: Record<ApplicationKind, string> = {
  [ApplicationKind.TeacherTraining]: 'teacher training',
};

export function toApplicationView(row: TrainingApplicationRow): ApplicationView {
  return {
    id: row.id,
    traineeId: row.user_id,
    kind: row.kind,
    status: row.status,
    statement: row.statement,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
  };
}

const toListItem = (row: TrainingApplicationListRow): ApplicationListItem => ({
  ...toApplicationView(row),
  traineeName: row.trainee_name,
  decidedByName: row.decided_by_name,
});

/** Applications to teacher training: refused until the pathway says the trainee is ready. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly applications: TrainingApplicationsRepository,
    private readonly progress: ProgressService,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  async submit(
    actor: Actor,
    input: { kind: ApplicationKind; statement: string },
  ): Promise<ApplicationView> {
    if (await this.applications.findOpen(actor.id, input.kind)) throw this.alreadyOpen(input.kind);
    const unmet = await this.progress.unmetFor(actor.id, applicationPrerequisites(input.kind));
    if (unmet.length > 0) {
      throw new ApplicationsError(
        ApplicationsErrorCode.PrerequisitesUnmet,
        `You cannot apply for ${KIND_TITLES[input.kind]} yet: ${unmet.length} ${unmet.length === 1 ? 'requirement is' : 'requirements are'} not met`,
        {
          unmet: unmet.map((r) => ({
            key: r.key,
            title: r.title,
            have: r.have,
            need: r.need,
            detail: r.detail,
          })),
        },
      );
    }
    return this.tx.transaction(async () => {
      const row = await this.applications.insert({
        userId: actor.id,
        kind: input.kind,
        statement: input.statement.trim(),
      });
      // A concurrent submission won the partial unique index.
      if (!row) throw this.alreadyOpen(input.kind);
      await this.audit.record({
        actorId: actor.id,
        action: 'application.submitted',
        subject: `application/${row.id}`,
        details: { kind: row.kind },
      });
      await this.notifier.notifyAdmins(`application-submitted-${row.id}`, {
        kind: 'application_submitted',
        title: `A ${KIND_TITLES[row.kind]} application awaits your decision`,
        body: `Application ${row.id} for ${KIND_TITLES[row.kind]} was submitted and awaits a decision.`,
        email: true,
      });
      return toApplicationView(row);
    });
  }

  async listOwn(
    actor: Actor,
    query: { status?: ApplicationStatus; limit: number; offset: number },
  ) {
    const page = await this.applications.list({ ...query, userId: actor.id });
    return { items: page.items.map(toApplicationView), total: page.total };
  }

  async list(query: {
    status?: ApplicationStatus;
    traineeId?: string;
    limit: number;
    offset: number;
  }) {
    const page = await this.applications.list({ ...query, userId: query.traineeId });
    return { items: page.items.map(toListItem), total: page.total };
  }

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const row = await this.applications.findById(id);
    if (!row || (row.user_id !== actor.id && !isAdmin(actor))) throw this.notFound();
    return toApplicationView(row);
  }

  async decide(
    actor: Actor,
    id: string,
    input: { decision: ApplicationDecision; note?: string | null },
  ): Promise<ApplicationView> {
    const status =
      input.decision === 'approved' ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
    const note = input.note?.trim() || null;
    return this.tx.transaction(async () => {
      const row = await applyDecision({
        submissions: this.applications,
        audit: this.audit,
        actor,
        id,
        status,
        note,
        what: 'application',
        notFound: () => this.notFound(),
        alreadyDecided: (current) =>
          new ApplicationsError(
            ApplicationsErrorCode.ApplicationNotSubmitted,
            `This application was already ${current}`,
            { currentStatus: current },
          ),
      });
      const what = KIND_TITLES[row.kind];
      const approved = row.status === ApplicationStatus.Approved;
      await this.notifier.notify({
        userId: row.user_id,
        dedupeKey: `application-decided-${row.id}`,
        kind: `application_${row.status}`,
        title: approved
          ? `Your application for ${what} was approved`
          : `Your application for ${what} was not accepted`,
        body: approved
          ? `Your application for ${what} was approved${note ? `: ${note}` : '.'} You may now enroll in a ${what} cohort.`
          : `Your application for ${what} was not accepted${note ? `: ${note}` : '.'} You may apply again.`,
        email: true,
      });
      return toApplicationView(row);
    });
  }

  private alreadyOpen(kind: ApplicationKind): ApplicationsError {
    return new ApplicationsError(
      ApplicationsErrorCode.ApplicationAlreadyOpen,
      `You already have a submitted or approved application for ${KIND_TITLES[kind]}`,
    );
  }

  private notFound(): ApplicationsError {
    return new ApplicationsError(ApplicationsErrorCode.ApplicationNotFound, 'No such application');
  }
}
