import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost, type WritePart } from '@msc/db';
import { type AuditEntry, AuditLog } from '@msc/domain/audit';
import { type Actor, hasRole, isAdmin, Role } from '@msc/kernel';
import { type NotificationMessage, Notifier } from '@msc/domain/notifications';
import { ProgressService, RequirementKind } from '@msc/domain/pathway';
import { CohortStatus } from './cohort.entity.js';
import {
  type CohortForUpdate,
  CohortsRepository,
  type ExistingEnrollment,
} from './cohorts.repository.js';
import { CourseFormat } from './course.entity.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import type { EnrollmentView } from './courses.views.js';
import { EnrollmentStatus } from './enrollment.entity.js';
import {
  alreadyEnrolled,
  EnrollmentsRepository,
  type NewEnrollment,
  SeatTakenMeanwhile,
} from './enrollments.repository.js';

/** The course formats of later stages: a trainee enrolling themselves needs what comes before. */
const GATED_FORMATS: ReadonlySet<CourseFormat> = new Set([
  CourseFormat.TeacherTraining,
  CourseFormat.TeacherTrainingPracticum,
]);

const FORMAT_NAMES: Record<CourseFormat, string> = {
  [CourseFormat.Msc8Week]: 'an 8-week MSC course',
  [CourseFormat.MscIntensive]: 'an MSC Intensive',
  [CourseFormat.TeacherTraining]: 'teacher training',
  [CourseFormat.TeacherTrainingPracticum]: 'the Teacher Training Practicum',
};

export interface EnrollInput {
  userId?: string;
  requestCe?: boolean;
  licenseNumber?: string;
}

interface EnrollRequest {
  actor: Actor;
  admin: boolean;
  userId: string;
  cohortId: string;
  input: EnrollInput;
}

type CohortOfEnrollment = CohortForUpdate & { enrollment: ExistingEnrollment | null };

/** What an enrollment tells: the trainee's notification and, when an admin made it, the audit. */
interface Announcement {
  notification: NotificationMessage;
  audit?: AuditEntry;
}

/**
 * Seats and the waitlist. A seat is claimed by one guarded increment of the cohort's seats_taken,
 * in one statement with the enrollment and what it tells (notification, audit) that commits on its
 * own, so that concurrent enrollments queue on the cohort row only while PostgreSQL runs and
 * commits that statement, and capacity can never be exceeded. Waitlisting, withdrawals and
 * promotions lock the cohort row first: waitlist order is lock order.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly progress: ProgressService,
  ) {}

  /**
   * A trainee enrolling themselves in a teacher-training or practicum cohort needs everything
   * their pathway lists before completing a course of that format (found by the requirement, not
   * by a stage key): for teacher training the earlier stages and the approved application.
   */
  private async assertPrerequisites(userId: string, format: CourseFormat): Promise<void> {
    if (!GATED_FORMATS.has(format)) return;
    const unmet = await this.progress.unmetFor(
      userId,
      {
        before: (r) =>
          r.kind === RequirementKind.CourseCompleted &&
          Array.isArray(r.params.formats) &&
          r.params.formats.includes(format),
        describe: `requirement to complete ${FORMAT_NAMES[format]}`,
      },
      { whenAbsent: 'nothing' },
    );
    if (unmet.length > 0) {
      throw new CoursesError(
        CoursesErrorCode.PrerequisitesUnmet,
        `You cannot enroll in ${FORMAT_NAMES[format]} yet: ${unmet.length} ${unmet.length === 1 ? 'requirement is' : 'requirements are'} not met`,
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
  }

  /**
   * A trainee enrolls themselves in an open cohort that has not started; an admin may enroll anyone,
   * also in a cohort that started or ended (records of the past). A full cohort waitlists.
   */
  async enroll(actor: Actor, cohortId: string, input: EnrollInput): Promise<EnrollmentView> {
    const admin = isAdmin(actor);
    const userId = input.userId ?? actor.id;
    if (userId !== actor.id && !admin) {
      throw new CoursesError(
        CoursesErrorCode.EnrollingOthers,
        'Only an admin may enroll someone else',
      );
    }
    if (!input.userId && admin && !hasRole(actor, Role.Trainee)) {
      throw new CoursesError(CoursesErrorCode.UserIdRequired, 'Name the trainee with userId');
    }
    const cohort = await this.cohorts.findWithEnrollmentOf(cohortId, userId);
    if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
    // Admins record any enrollment (records of the past, exceptions); trainees meet the pathway.
    if (!admin) await this.assertPrerequisites(userId, cohort.format);
    const request: EnrollRequest = { actor, admin, userId, cohortId, input };
    await this.enrollable(request, cohort);
    // Inside a caller's transaction a lost seat could not be retried: take the lock at once there.
    const seated =
      this.tx.inTransaction || cohort.seats_taken >= cohort.capacity
        ? null
        : await this.enrollInFreeSeat(request, cohort);
    return seated ?? this.tx.transaction(() => this.enrollUnderLock(request));
  }

  /**
   * When the cohort had a free seat as read without a lock: claims it in one statement with the
   * enrollment, its notification and its audit. Null, having written nothing, when the cohort's
   * last seats went meanwhile.
   */
  private async enrollInFreeSeat(
    request: EnrollRequest,
    cohort: CohortOfEnrollment,
  ): Promise<EnrollmentView | null> {
    try {
      return await this.claimSeat(request, cohort);
    } catch (error) {
      if (error instanceof SeatTakenMeanwhile) return null;
      throw error;
    }
  }

  /** A seat if one is free, else the waitlist, all under the cohort's lock. */
  private async enrollUnderLock(request: EnrollRequest): Promise<EnrollmentView> {
    const cohort = await this.enrollable(
      request,
      await this.cohorts.findWithEnrollmentOf(request.cohortId, request.userId, { lock: true }),
    );
    // Under the lock the counter is exact, and the person's row cannot change: a seat is free
    // only if the counter says so, and the claim keeps the id read here.
    if (cohort.seats_taken < cohort.capacity) {
      const seated = await this.claimSeat(request, cohort);
      if (!seated)
        throw new Error(`cohort ${request.cohortId} had a seat under its lock, then none`);
      return seated;
    }
    const row = await this.enrollments.waitlist(this.newEnrollment(request));
    if (!row) throw alreadyEnrolled();
    const { notification, audit } = this.announcement(
      request,
      cohort,
      row.id,
      row.waitlisted_at,
      EnrollmentStatus.Waitlisted,
      row.position,
    );
    if (audit) await this.audit.record(audit);
    await this.notifier.notify(notification);
    return {
      id: row.id,
      cohortId: request.cohortId,
      userId: request.userId,
      status: EnrollmentStatus.Waitlisted,
      waitlistPosition: row.position,
    };
  }

  /**
   * Claims a seat with the enrollment, its notification and its audit in one statement (see
   * `EnrollmentsRepository.enrollInFreeSeat`); null when there was none. A withdrawn person's row
   * comes back with its id, so the notification can name the enrollment before it is written.
   */
  private async claimSeat(
    request: EnrollRequest,
    cohort: CohortOfEnrollment,
  ): Promise<EnrollmentView | null> {
    const id = cohort.enrollment?.id ?? randomUUID();
    const row = await this.enrollments.enrollInFreeSeat(
      { ...this.newEnrollment(request), id, statuses: this.enrollableStatuses(request) },
      this.writesOf(this.announcement(request, cohort, id, null, EnrollmentStatus.Enrolled)),
    );
    return row && { id, cohortId: request.cohortId, userId: request.userId, status: row.status };
  }

  /**
   * The cohort takes this enrollment (its seats aside) of someone who exists and is neither
   * enrolled nor waitlisted in it; throws why not.
   */
  private async enrollable(
    { admin, actor, userId }: EnrollRequest,
    cohort: CohortOfEnrollment | null,
  ): Promise<CohortOfEnrollment> {
    if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
    if (cohort.status === CohortStatus.Completed)
      throw new CoursesError(CoursesErrorCode.CohortCompleted, 'The cohort is completed');
    if (cohort.status === CohortStatus.Cancelled)
      throw new CoursesError(CoursesErrorCode.CohortCancelled, 'The cohort is cancelled');
    if (!admin) {
      const started = cohort.first_starts_at && cohort.first_starts_at.getTime() <= Date.now();
      if (cohort.status !== CohortStatus.Open || started) {
        throw new CoursesError(
          CoursesErrorCode.EnrollmentClosed,
          cohort.status !== CohortStatus.Open
            ? 'The cohort is not open for enrollment yet'
            : 'The cohort has already started',
        );
      }
    } else if (userId !== actor.id && !(await this.cohorts.userExists(userId))) {
      throw new CoursesError(CoursesErrorCode.UserNotFound, 'No such user');
    }
    if (cohort.enrollment && cohort.enrollment.status !== EnrollmentStatus.Withdrawn)
      throw alreadyEnrolled();
    return cohort;
  }

  /** What the seat's guarded increment checks again: the statuses enrollable() lets through. */
  private enrollableStatuses({ admin }: EnrollRequest): CohortStatus[] {
    return admin ? [CohortStatus.Scheduling, CohortStatus.Open] : [CohortStatus.Open];
  }

  private newEnrollment({ actor, userId, cohortId, input }: EnrollRequest): NewEnrollment {
    return {
      cohortId,
      userId,
      requestCe: input.requestCe ?? false,
      licenseNumber: input.licenseNumber?.trim() || null,
      createdBy: actor.id,
    };
  }

  /** The trainee's notification of an enrollment and, when an admin made it, the audit record. */
  private announcement(
    { actor, admin, userId, cohortId }: EnrollRequest,
    cohort: CohortForUpdate,
    enrollmentId: string,
    waitlistedAt: Date | null,
    status: EnrollmentStatus.Enrolled | EnrollmentStatus.Waitlisted,
    waitlistPosition?: number,
  ): Announcement {
    const upcoming = cohort.first_starts_at && cohort.first_starts_at.getTime() > Date.now();
    return {
      ...(admin
        ? {
            audit: {
              actorId: actor.id,
              action: 'enrollment.created',
              subject: `enrollment/${enrollmentId}`,
              details: { cohortId, userId, status },
            },
          }
        : {}),
      notification: {
        userId,
        dedupeKey: `enrollment.${enrollmentId}.${status}.${(waitlistedAt ?? new Date()).getTime()}`,
        kind: status === EnrollmentStatus.Enrolled ? 'enrolled' : 'waitlisted',
        title:
          status === EnrollmentStatus.Enrolled
            ? `You are enrolled in ${cohort.course_title}`
            : `You are on the waitlist of ${cohort.course_title}`,
        body:
          (status === EnrollmentStatus.Enrolled
            ? `Your seat in ${cohort.title} is confirmed.`
            : `${cohort.title} is full; you are number ${waitlistPosition} on its waitlist. We will tell you when a seat frees.`) +
          (upcoming ? ' The first session starts {firstSession}.' : ''),
        ...(upcoming ? { times: { firstSession: cohort.first_starts_at!.toISOString() } } : {}),
        // A record of a cohort that already began is not news to e-mail.
        email: Boolean(upcoming),
      },
    };
  }

  /** The announcement as parts of the statement that claims the seat. */
  private writesOf({ notification, audit }: Announcement): WritePart[] {
    return [...(audit ? [this.audit.part(audit)] : []), this.notifier.part(notification)];
  }

  /** Withdraws the trainee; a freed seat goes to the waitlist through the scheduling queue. */
  async withdraw(actor: Actor, cohortId: string): Promise<void> {
    await this.withdrawPerson(actor, cohortId, actor.id);
  }

  /** An admin takes someone out of a cohort (audited); the waitlist moves up as on self-withdraw. */
  async withdrawByAdmin(actor: Actor, cohortId: string, userId: string): Promise<void> {
    await this.tx.transaction(async () => {
      await this.withdrawPerson(actor, cohortId, userId);
      await this.audit.record({
        actorId: actor.id,
        action: 'enrollment.withdrawn_by_admin',
        subject: `cohort/${cohortId}`,
        details: { userId },
      });
    });
  }

  private async withdrawPerson(actor: Actor, cohortId: string, userId: string): Promise<void> {
    await this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
      if (cohort.status === CohortStatus.Completed)
        throw new CoursesError(CoursesErrorCode.CohortCompleted, 'The cohort is completed');
      if (cohort.status === CohortStatus.Cancelled)
        throw new CoursesError(CoursesErrorCode.CohortCancelled, 'The cohort is cancelled');
      const before = await this.enrollments.withdraw(cohortId, userId);
      if (!before) {
        throw new CoursesError(
          CoursesErrorCode.EnrollmentNotFound,
          userId === actor.id
            ? 'You are not enrolled in this cohort'
            : 'This person is not enrolled in this cohort',
        );
      }
      // The freed seat goes to the waitlist's head in this same transaction, under the lock held:
      // left free for a moment, it could go to a newcomer who never queued.
      if (before.status === EnrollmentStatus.Enrolled)
        await this.fillFreeSeats({ ...cohort, seats_taken: cohort.seats_taken - 1 });
    });
  }

  /**
   * Fills free seats from the waitlist, first in first out, while the cohort has not started;
   * idempotent, as the free seats are read under the cohort's lock. Withdrawals and capacity
   * changes fill the seats themselves; this is the job of the same name, kept for jobs already
   * queued and for an operator's re-run.
   */
  async promoteWaitlist(cohortId: string): Promise<{ cohortId: string; promoted: number }> {
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      return { cohortId, promoted: cohort ? await this.fillFreeSeats(cohort) : 0 };
    });
  }

  /**
   * Gives the cohort's free seats to the head of its waitlist, with their notifications and audit;
   * the caller holds the cohort's lock and passes the cohort as it now stands. So that a freed seat
   * never waits for anyone, every change that frees seats calls this before it commits: while
   * anyone is waitlisted the cohort is full, and a seat that looks free is free for a newcomer.
   * Nothing moves once the cohort has started, or when it is completed or cancelled.
   */
  async fillFreeSeats(cohort: CohortForUpdate): Promise<number> {
    if (cohort.status === CohortStatus.Completed || cohort.status === CohortStatus.Cancelled)
      return 0;
    if (cohort.first_starts_at && cohort.first_starts_at.getTime() <= Date.now()) return 0;
    const promoted = await this.enrollments.promote(
      cohort.id,
      cohort.capacity - cohort.seats_taken,
    );
    if (promoted.length === 0) return 0;
    await this.notifier.notifyMany(
      promoted.map((row) => ({
        userId: row.user_id,
        dedupeKey: `waitlist-promoted.${row.id}.${row.waitlisted_at?.getTime()}`,
        kind: 'waitlist_promoted',
        title: `A seat in ${cohort.course_title} is yours`,
        body:
          `A seat freed in ${cohort.title} and you moved up from the waitlist: you are now enrolled.` +
          (cohort.first_starts_at ? ' The first session starts {firstSession}.' : ''),
        ...(cohort.first_starts_at
          ? { times: { firstSession: cohort.first_starts_at.toISOString() } }
          : {}),
        email: true,
      })),
    );
    for (const row of promoted) {
      await this.audit.record({
        actorId: null,
        action: 'enrollment.promoted_from_waitlist',
        subject: `enrollment/${row.id}`,
        details: { cohortId: cohort.id, userId: row.user_id },
      });
    }
    return promoted.length;
  }

  /** The cohort's enrollments, for admins and the cohort's teachers. */
  async listForCohort(
    actor: Actor,
    cohortId: string,
    filter: { status?: EnrollmentStatus; limit: number; offset: number },
  ) {
    await this.assertStaff(actor, cohortId);
    return this.enrollments.listForCohort({ cohortId, ...filter });
  }

  listMine(actor: Actor, page: { limit: number; offset: number }) {
    return this.enrollments.listForUser({ userId: actor.id, ...page });
  }

  /** Admins, and the cohort's teachers, manage a cohort's people. */
  async assertStaff(actor: Actor, cohortId: string): Promise<void> {
    if (!(await this.cohorts.exists(cohortId)))
      throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
    if (isAdmin(actor)) return;
    if (!(await this.cohorts.isTeacher(cohortId, actor.id))) {
      throw new CoursesError(
        CoursesErrorCode.NotCohortStaff,
        "Only admins and the cohort's teachers may do this",
      );
    }
  }
}
