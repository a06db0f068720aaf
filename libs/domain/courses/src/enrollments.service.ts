import { Injectable } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, hasRole, isAdmin, Role } from '@msc/kernel';
import { Notifier } from '@msc/domain/notifications';
import { ProgressService, RequirementKind } from '@msc/domain/pathway';
import { JobName } from '@msc/queue';
import { CohortStatus } from './cohort.entity.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CourseFormat } from './course.entity.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import type { EnrollmentView } from './courses.views.js';
import { EnrollmentStatus } from './enrollment.entity.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

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

/**
 * Seats and the waitlist. Every change of who holds a seat locks the cohort row first, so that
 * concurrent enrollments queue behind one another and capacity can never be exceeded.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly progress: ProgressService,
  ) {}

  /**
   * A trainee enrolling themselves in a teacher-training or practicum cohort needs everything
   * their pathway lists before completing a course of that format (found by the requirement, not
   * by a stage key): for teacher training the earlier stages and the approved application.
   */
  private async assertPrerequisites(userId: string, cohortId: string): Promise<void> {
    const format = await this.cohorts.courseFormatOf(cohortId);
    if (!format || !GATED_FORMATS.has(format)) return;
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
    // Admins record any enrollment (records of the past, exceptions); trainees meet the pathway.
    if (!admin) await this.assertPrerequisites(userId, cohortId);
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
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
      const enrolled = await this.enrollments.countEnrolled(cohortId);
      const status =
        enrolled < cohort.capacity ? EnrollmentStatus.Enrolled : EnrollmentStatus.Waitlisted;
      const row = await this.enrollments.upsert({
        cohortId,
        userId,
        status,
        requestCe: input.requestCe ?? false,
        licenseNumber: input.licenseNumber?.trim() || null,
        createdBy: actor.id,
      });
      if (!row) {
        throw new CoursesError(
          CoursesErrorCode.AlreadyEnrolled,
          'Already enrolled or on the waitlist of this cohort',
        );
      }
      const waitlistPosition =
        status === EnrollmentStatus.Waitlisted
          ? ((await this.enrollments.waitlistPosition(row.id)) ?? undefined)
          : undefined;
      if (admin) {
        await this.audit.record({
          actorId: actor.id,
          action: 'enrollment.created',
          subject: `enrollment/${row.id}`,
          details: { cohortId, userId, status },
        });
      }
      const upcoming = cohort.first_starts_at && cohort.first_starts_at.getTime() > Date.now();
      await this.notifier.notify({
        userId,
        dedupeKey: `enrollment.${row.id}.${status}.${(row.waitlisted_at ?? new Date()).getTime()}`,
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
      });
      return {
        id: row.id,
        cohortId,
        userId,
        status,
        ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
      };
    });
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
      if (before.status === EnrollmentStatus.Enrolled)
        await this.outbox.add(
          { name: JobName.PromoteWaitlist, data: { cohortId } },
          { runOfItsOwn: true },
        );
    });
  }

  /**
   * Fills free seats from the waitlist, first in first out, while the cohort has not started;
   * idempotent, as the seats are counted under the cohort's lock.
   */
  async promoteWaitlist(cohortId: string): Promise<{ cohortId: string; promoted: number }> {
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort || cohort.status === CohortStatus.Completed) return { cohortId, promoted: 0 };
      if (cohort.status === CohortStatus.Cancelled) return { cohortId, promoted: 0 };
      if (cohort.first_starts_at && cohort.first_starts_at.getTime() <= Date.now())
        return { cohortId, promoted: 0 };
      const free = cohort.capacity - (await this.enrollments.countEnrolled(cohortId));
      const promoted = await this.enrollments.promote(cohortId, free);
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
          details: { cohortId, userId: row.user_id },
        });
      }
      return { cohortId, promoted: promoted.length };
    });
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
