import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin, Role } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { SESSION_CLOCK_SKEW_MS } from './practicum.config.js';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import type { PracticumSessionKind } from './practicum-session.entity.js';
import { PracticumStatus } from './practicum.entity.js';
import {
  type PracticumFilter,
  type PracticumRow,
  type PracticumSessionRow,
  PracticumsRepository,
} from './practicums.repository.js';

export interface PracticumView {
  id: string;
  traineeId: string;
  mentorId: string;
  status: PracticumStatus;
  traineeName: string;
  mentorName: string;
  createdAt: string;
  closedAt: string | null;
  consultationCount: number;
  consultationMinutes: number;
  mentoringCount: number;
  mentoringMinutes: number;
  lastSessionAt: string | null;
  recordingCount: number;
  awaitingReviewCount: number;
  /** Recordings whose latest review is `competent`. */
  competentRecordingCount: number;
}

export interface PracticumSessionView {
  id: string;
  practicumId: string;
  kind: PracticumSessionKind;
  heldAt: string;
  minutes: number;
  loggedBy: string | null;
  createdAt: string;
}

const toView = (row: PracticumRow): PracticumView => ({
  id: row.id,
  traineeId: row.trainee_id,
  mentorId: row.mentor_id,
  status: row.status,
  traineeName: row.trainee_name,
  mentorName: row.mentor_name,
  createdAt: row.created_at.toISOString(),
  closedAt: row.closed_at?.toISOString() ?? null,
  consultationCount: row.consultation_count,
  consultationMinutes: row.consultation_minutes,
  mentoringCount: row.mentoring_count,
  mentoringMinutes: row.mentoring_minutes,
  lastSessionAt: row.last_session_at?.toISOString() ?? null,
  recordingCount: row.recording_count,
  awaitingReviewCount: row.awaiting_review_count,
  competentRecordingCount: row.competent_recording_count,
});

const toSessionView = (row: PracticumSessionRow): PracticumSessionView => ({
  id: row.id,
  practicumId: row.practicum_id,
  kind: row.kind,
  heldAt: row.held_at.toISOString(),
  minutes: row.minutes,
  loggedBy: row.logged_by,
  createdAt: row.created_at.toISOString(),
});

/** Practicums and their consultation and mentoring ledger. */
@Injectable()
export class PracticumService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly practicums: PracticumsRepository,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  async create(
    actor: Actor,
    input: { traineeId: string; mentorId: string },
  ): Promise<PracticumView> {
    if (input.traineeId === input.mentorId) {
      throw new PracticumError(
        PracticumErrorCode.SamePerson,
        'A trainee cannot be their own mentor',
      );
    }
    return this.tx.transaction(async () => {
      const roles = await this.practicums.rolesOf([input.traineeId, input.mentorId]);
      const traineeRoles = roles.get(input.traineeId);
      const mentorRoles = roles.get(input.mentorId);
      if (!traineeRoles || !mentorRoles) {
        throw new PracticumError(
          PracticumErrorCode.UserNotFound,
          `No user ${traineeRoles ? input.mentorId : input.traineeId}`,
        );
      }
      if (!traineeRoles.includes(Role.Trainee)) {
        throw new PracticumError(
          PracticumErrorCode.NotATrainee,
          'The trainee must hold the trainee role',
        );
      }
      if (!mentorRoles.includes(Role.Mentor)) {
        throw new PracticumError(
          PracticumErrorCode.NotAMentor,
          'The mentor must hold the mentor role',
        );
      }
      const id = await this.practicums.insert({ ...input, createdBy: actor.id });
      if (!id) {
        throw new PracticumError(
          PracticumErrorCode.ActivePracticumExists,
          'This trainee already has an active practicum',
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'practicum.created',
        subject: `practicum/${id}`,
        details: { traineeId: input.traineeId, mentorId: input.mentorId },
      });
      const view = toView((await this.practicums.findById(id))!);
      await this.notifier.notifyMany([
        {
          userId: view.traineeId,
          dedupeKey: `practicum-created-${id}-trainee`,
          kind: 'practicum.created',
          title: 'Your practicum has started',
          body: `${view.mentorName} is your practicum mentor.`,
          email: true,
        },
        {
          userId: view.mentorId,
          dedupeKey: `practicum-created-${id}-mentor`,
          kind: 'practicum.created',
          title: 'A new practicum to supervise',
          body: `You supervise the practicum of ${view.traineeName}.`,
          email: true,
        },
      ]);
      return view;
    });
  }

  /** The practicum as its trainee, its mentor or an admin sees it; anyone else is told it does not exist. */
  async get(actor: Actor, id: string): Promise<PracticumView> {
    return toView(await this.visible(actor, id));
  }

  async listMine(
    actor: Actor,
    filter: {
      role?: 'trainee' | 'mentor';
      status?: PracticumStatus;
      limit: number;
      offset: number;
    },
  ) {
    const { items, total } = await this.practicums.listForUser(actor.id, filter);
    return {
      items: items.map((row) => ({
        ...toView(row),
        role: row.trainee_id === actor.id ? 'trainee' : 'mentor',
      })),
      total,
    };
  }

  /** Every practicum, for admins, with names and counts. */
  async list(filter: PracticumFilter): Promise<{ items: PracticumView[]; total: number }> {
    const { items, total } = await this.practicums.list(filter);
    return { items: items.map(toView), total };
  }

  /**
   * Gives an active practicum another mentor (an admin's decision, audited): one who holds the
   * mentor role and is not the trainee. Reviews already assigned stay with their reviewer.
   */
  async changeMentor(actor: Actor, id: string, mentorId: string): Promise<PracticumView> {
    return this.tx.transaction(async () => {
      const current = await this.practicums.findForUpdate(id);
      if (!current) {
        throw new PracticumError(PracticumErrorCode.PracticumNotFound, 'No such practicum');
      }
      if (current.trainee_id === actor.id) {
        throw new PracticumError(
          PracticumErrorCode.OwnCase,
          'An admin does not choose the mentor of their own practicum; another admin does',
        );
      }
      if (mentorId === current.trainee_id) {
        throw new PracticumError(
          PracticumErrorCode.SamePerson,
          'A trainee cannot be their own mentor',
        );
      }
      if (current.status !== PracticumStatus.Active) {
        throw new PracticumError(PracticumErrorCode.PracticumClosed, 'The practicum is closed');
      }
      if (mentorId === current.mentor_id) return toView((await this.practicums.findById(id))!);
      const roles = (await this.practicums.rolesOf([mentorId])).get(mentorId);
      if (!roles) throw new PracticumError(PracticumErrorCode.UserNotFound, `No user ${mentorId}`);
      if (!roles.includes(Role.Mentor)) {
        throw new PracticumError(
          PracticumErrorCode.NotAMentor,
          'The mentor must hold the mentor role',
        );
      }
      await this.practicums.changeMentor(id, mentorId);
      await this.audit.record({
        actorId: actor.id,
        action: 'practicum.mentor_changed',
        subject: `practicum/${id}`,
        details: { from: current.mentor_id, to: mentorId },
      });
      const view = toView((await this.practicums.findById(id))!);
      const change = `${id}-${current.mentor_id}-${mentorId}-${Date.now()}`;
      await this.notifier.notifyMany([
        {
          userId: view.traineeId,
          dedupeKey: `practicum-mentor-changed-${change}-trainee`,
          kind: 'practicum.mentor_changed',
          title: 'Your practicum has a new mentor',
          body: `${view.mentorName} is now your practicum mentor.`,
          email: true,
        },
        {
          userId: mentorId,
          dedupeKey: `practicum-mentor-changed-${change}-mentor`,
          kind: 'practicum.mentor_changed',
          title: 'A practicum to supervise',
          body: `You now supervise the practicum of ${view.traineeName}.`,
          email: true,
        },
        {
          userId: current.mentor_id,
          dedupeKey: `practicum-mentor-changed-${change}-previous`,
          kind: 'practicum.mentor_changed',
          title: 'A practicum has another mentor',
          body: `The practicum of ${view.traineeName} is now supervised by ${view.mentorName}.`,
          email: false,
        },
      ]);
      return view;
    });
  }

  async close(actor: Actor, id: string): Promise<PracticumView> {
    return this.tx.transaction(async () => {
      const row = await this.visible(actor, id);
      if (await this.practicums.close(id)) {
        await this.audit.record({
          actorId: actor.id,
          action: 'practicum.closed',
          subject: `practicum/${id}`,
        });
      } else if (row.status !== PracticumStatus.Closed) {
        throw new PracticumError(PracticumErrorCode.PracticumClosed, 'The practicum is closed');
      }
      return toView((await this.practicums.findById(id))!);
    });
  }

  /** Logs a session: the practicum's mentor while it is active, or an admin (also after the fact). */
  async logSession(
    actor: Actor,
    practicumId: string,
    input: { kind: PracticumSessionKind; heldAt: Date; minutes: number },
    now = new Date(),
  ): Promise<PracticumSessionView> {
    return this.tx.transaction(async () => {
      const practicum = await this.visible(actor, practicumId);
      const admin = isAdmin(actor);
      // An admin who is the practicum's trainee does not log evidence for themselves.
      if (practicum.trainee_id === actor.id) {
        throw new PracticumError(
          PracticumErrorCode.NotPracticumMentor,
          'A trainee does not log the sessions of their own practicum; its mentor or another admin does',
        );
      }
      if (!admin && practicum.mentor_id !== actor.id) {
        throw new PracticumError(
          PracticumErrorCode.NotPracticumMentor,
          "Only the practicum's mentor or an admin logs its sessions",
        );
      }
      if (!admin && practicum.status !== PracticumStatus.Active) {
        throw new PracticumError(PracticumErrorCode.PracticumClosed, 'The practicum is closed');
      }
      if (input.heldAt.getTime() > now.getTime() + SESSION_CLOCK_SKEW_MS) {
        throw new PracticumError(
          PracticumErrorCode.SessionInFuture,
          'A session is logged once it has been held, not in advance',
        );
      }
      const row = await this.practicums.insertSession({
        practicumId,
        kind: input.kind,
        heldAt: input.heldAt,
        minutes: input.minutes,
        loggedBy: actor.id,
      });
      if (!row) {
        throw new PracticumError(
          PracticumErrorCode.SessionAlreadyLogged,
          `A ${input.kind} session at ${input.heldAt.toISOString()} is already logged`,
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'practicum.session_logged',
        subject: `practicum/${practicumId}`,
        details: { sessionId: row.id, kind: row.kind, minutes: row.minutes },
      });
      return toSessionView(row);
    });
  }

  async listSessions(
    actor: Actor,
    practicumId: string,
    filter: { kind?: PracticumSessionKind; limit: number; offset: number },
  ) {
    await this.visible(actor, practicumId);
    const { items, total } = await this.practicums.listSessions(practicumId, filter);
    return { items: items.map(toSessionView), total };
  }

  /** Whether `viewerId` supervises (or supervised) `traineeId`: lets them see the trainee's progress. */
  isMentorOf(viewerId: string, traineeId: string): Promise<boolean> {
    return this.practicums.isMentorOf(viewerId, traineeId);
  }

  private async visible(actor: Actor, id: string): Promise<PracticumRow> {
    const row = await this.practicums.findById(id);
    if (!row || !(isAdmin(actor) || row.trainee_id === actor.id || row.mentor_id === actor.id)) {
      throw new PracticumError(PracticumErrorCode.PracticumNotFound, 'No such practicum');
    }
    return row;
  }
}
