import { Injectable } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import { JobName, type JobItem } from '@msc/queue';
import { CohortStatus, SessionCadence } from './cohort.entity.js';
import type { TeacherRole } from './cohort-teacher.entity.js';
import { CourseFormat, DeliveryMode } from './course.entity.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { type CourseColumnChanges, CoursesRepository } from './courses.repository.js';
import { type CohortView, type CourseRow, type CourseView, toCourseView } from './courses.views.js';
import { serializeCalendar } from './ics.js';
import { isLocalDate, isLocalTime, isTimeZone } from './session-plan.js';

export interface NewCourseInput {
  code: string;
  title: string;
  format: CourseFormat;
  deliveryMode?: DeliveryMode;
  sessionCount: number;
  sessionMinutes: number;
  completionMinSessions: number;
  ceHours?: number;
  ceAccreditor?: string;
}

/** What an admin may change on a course; absent fields stay, null clears the CE fields. */
export interface CourseChanges {
  code?: string;
  title?: string;
  format?: CourseFormat;
  sessionCount?: number;
  sessionMinutes?: number;
  completionMinSessions?: number;
  ceHours?: number | null;
  ceAccreditor?: string | null;
}

/** `active` by default; `retired` only those; `all` both. */
export type CourseListStatus = 'active' | 'retired' | 'all';

export interface NewCohortInput {
  courseId: string;
  title: string;
  startDate: string;
  localTime: string;
  timeZone: string;
  capacity: number;
  ceEligible: boolean;
  cadence?: SessionCadence;
}

function codeTaken(code: string): CoursesError {
  return new CoursesError(
    CoursesErrorCode.CourseCodeTaken,
    `A course with the code "${code}" already exists`,
  );
}

/** Intensives meet every day; the others once a week unless the admin says otherwise. */
export function defaultCadence(format: CourseFormat): SessionCadence {
  return format === CourseFormat.MscIntensive ? SessionCadence.Daily : SessionCadence.Weekly;
}

/** Courses, cohorts, their teachers and calendars. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly courses: CoursesRepository,
    private readonly cohorts: CohortsRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
  ) {}

  async createCourse(actor: Actor, input: NewCourseInput): Promise<CourseView> {
    if (input.completionMinSessions > input.sessionCount) {
      throw new CoursesError(
        CoursesErrorCode.InvalidCourse,
        'completionMinSessions cannot exceed sessionCount',
      );
    }
    return this.tx.transaction(async () => {
      const row = await this.courses.insert({
        code: input.code.trim(),
        title: input.title.trim(),
        format: input.format,
        deliveryMode: input.deliveryMode ?? DeliveryMode.Online,
        sessionCount: input.sessionCount,
        sessionMinutes: input.sessionMinutes,
        completionMinSessions: input.completionMinSessions,
        ceHours: input.ceHours ?? null,
        ceAccreditor: input.ceAccreditor?.trim() || null,
        createdBy: actor.id,
      });
      if (!row) {
        throw new CoursesError(
          CoursesErrorCode.CourseCodeTaken,
          `A course with the code "${input.code}" already exists`,
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'course.created',
        subject: `course/${row.id}`,
        details: { code: row.code, format: row.format },
      });
      return toCourseView(row);
    });
  }

  /**
   * Changes what is given, in one transaction with its `course.updated` audit row (the changed
   * fields and their old values). The code stays unique (409). The format and the session count
   * are fixed once the course has any cohort, the minutes per session once a cohort of it has
   * sessions (409 saying why): the planned sessions and the enrollments were made for them.
   *
   * A new completionMinSessions (at most the session count, else 400) changes no completion
   * already recorded: the completions of completed cohorts are stored on their enrollments and
   * stay. It applies to the cohorts not completed yet (scheduling or open) when they complete,
   * and to a completed cohort only if an admin reopens it and completes it again (that
   * recomputes its completions with the minimum in force then). The trainees' progress
   * towards an open cohort's completion is judged against the new minimum at once.
   */
  async updateCourse(actor: Actor, id: string, input: CourseChanges): Promise<CourseView> {
    return this.tx.transaction(async () => {
      const course = await this.courses.findById(id, 'update');
      if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'No such course');
      const before: Required<CourseChanges> = {
        code: course.code,
        title: course.title,
        format: course.format,
        sessionCount: course.session_count,
        sessionMinutes: course.session_minutes,
        completionMinSessions: course.completion_min_sessions,
        ceHours: course.ce_hours === null ? null : Number(course.ce_hours),
        ceAccreditor: course.ce_accreditor,
      };
      const wanted: CourseChanges = {
        ...input,
        code: input.code?.trim(),
        title: input.title?.trim(),
        ceAccreditor:
          input.ceAccreditor === undefined ? undefined : input.ceAccreditor?.trim() || null,
      };
      const changes: CourseColumnChanges = {};
      const from: Record<string, unknown> = {};
      for (const key of Object.keys(before) as (keyof CourseChanges)[]) {
        const value = wanted[key];
        if (value === undefined || value === before[key]) continue;
        (changes as Record<string, unknown>)[key] = value;
        from[key] = before[key];
      }
      const sessionCount = changes.sessionCount ?? before.sessionCount;
      const minimum = changes.completionMinSessions ?? before.completionMinSessions;
      if (minimum > sessionCount) {
        throw new CoursesError(
          CoursesErrorCode.InvalidCourse,
          `completionMinSessions (${minimum}) cannot exceed sessionCount (${sessionCount})`,
        );
      }
      if (Object.keys(changes).length === 0) return toCourseView(course);
      const fixed = (['format', 'sessionCount'] as const).filter((k) => k in changes);
      if (fixed.length > 0 || 'sessionMinutes' in changes) {
        const usage = await this.courses.usage(id);
        if (fixed.length > 0 && usage.cohorts > 0) {
          throw new CoursesError(
            CoursesErrorCode.CourseInUse,
            `The format and the number of sessions are fixed once the course has a cohort (it has ${usage.cohorts}); create a new course instead`,
            { fields: fixed, cohortCount: usage.cohorts },
          );
        }
        if ('sessionMinutes' in changes && usage.withSessions > 0) {
          throw new CoursesError(
            CoursesErrorCode.CourseInUse,
            `The minutes per session are fixed once a cohort of the course has sessions (${usage.withSessions} has); create a new course instead`,
            { fields: ['sessionMinutes'], cohortCount: usage.cohorts },
          );
        }
      }
      if (changes.code !== undefined && (await this.courses.codeTaken(changes.code, id))) {
        throw codeTaken(changes.code);
      }
      let row: CourseRow;
      try {
        row = await this.courses.update(id, changes);
      } catch (error) {
        // Another course took the code after the check above.
        if ((error as { code?: string }).code === '23505' && changes.code !== undefined)
          throw codeTaken(changes.code);
        throw error;
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'course.updated',
        subject: `course/${id}`,
        details: { changes, from },
      });
      return toCourseView(row);
    });
  }

  /**
   * Retires a course: it takes no new cohorts (409 `course retired`) and leaves the default
   * course list; its existing cohorts carry on as they are. A retired course is 409.
   */
  async retireCourse(actor: Actor, id: string, reason?: string): Promise<CourseView> {
    return this.tx.transaction(async () => {
      const course = await this.courses.findById(id, 'update');
      if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'No such course');
      if (course.retired_at)
        throw new CoursesError(CoursesErrorCode.CourseRetired, 'The course is already retired');
      const why = reason?.trim() || null;
      const row = await this.courses.setRetired(id, new Date(), why);
      await this.audit.record({
        actorId: actor.id,
        action: 'course.retired',
        subject: `course/${id}`,
        details: { reason: why },
      });
      return toCourseView(row);
    });
  }

  /** Undoes a retirement: the course takes new cohorts again. A course not retired is 409. */
  async reinstateCourse(actor: Actor, id: string): Promise<CourseView> {
    return this.tx.transaction(async () => {
      const course = await this.courses.findById(id, 'update');
      if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'No such course');
      if (!course.retired_at)
        throw new CoursesError(CoursesErrorCode.CourseNotRetired, 'The course is not retired');
      const row = await this.courses.setRetired(id, null, null);
      await this.audit.record({
        actorId: actor.id,
        action: 'course.reinstated',
        subject: `course/${id}`,
        details: {
          retiredAt: course.retired_at.toISOString(),
          reason: course.retirement_reason,
        },
      });
      return toCourseView(row);
    });
  }

  /** Active courses unless `status` says otherwise. */
  async listCourses(filter: {
    format?: CourseFormat;
    status?: CourseListStatus;
    limit: number;
    offset: number;
  }) {
    const status = filter.status ?? 'active';
    const { items, total } = await this.courses.list({
      format: filter.format,
      status: status === 'all' ? undefined : status,
      limit: filter.limit,
      offset: filter.offset,
    });
    return { items: items.map(toCourseView), total };
  }

  async getCourse(id: string): Promise<CourseView> {
    const row = await this.courses.findById(id);
    if (!row) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'No such course');
    return toCourseView(row);
  }

  /**
   * Creates the cohort in `scheduling`; the scheduling job, enqueued in the same transaction,
   * generates its sessions and opens it.
   */
  async createCohort(actor: Actor, input: NewCohortInput): Promise<CohortView> {
    if (!isTimeZone(input.timeZone)) {
      throw new CoursesError(
        CoursesErrorCode.InvalidSchedule,
        `"${input.timeZone}" is not an IANA time zone`,
      );
    }
    if (!isLocalDate(input.startDate) || !isLocalTime(input.localTime)) {
      throw new CoursesError(
        CoursesErrorCode.InvalidSchedule,
        'startDate must be a real date YYYY-MM-DD and localTime HH:mm',
      );
    }
    return this.tx.transaction(async () => {
      const course = await this.courses.findById(input.courseId, 'share');
      if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'No such course');
      if (course.retired_at) {
        throw new CoursesError(
          CoursesErrorCode.CourseRetired,
          'course retired: a retired course takes no new cohorts; reinstate it first',
        );
      }
      const id = await this.cohorts.insert({
        courseId: course.id,
        title: input.title.trim(),
        startDate: input.startDate,
        localTime: input.localTime,
        timeZone: input.timeZone,
        cadence: input.cadence ?? defaultCadence(course.format),
        capacity: input.capacity,
        ceEligible: input.ceEligible,
        createdBy: actor.id,
      });
      const job: JobItem = { name: JobName.GenerateCohortSessions, data: { cohortId: id } };
      await this.outbox.add(job);
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.created',
        subject: `cohort/${id}`,
        details: { courseId: course.id, startDate: input.startDate, timeZone: input.timeZone },
      });
      return (await this.cohorts.view(id))!;
    });
  }

  async getCohort(id: string): Promise<CohortView> {
    const cohort = await this.cohorts.view(id);
    if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
    return cohort;
  }

  listCohorts(filter: { courseId?: string; status?: CohortStatus; limit: number; offset: number }) {
    return this.cohorts.list(filter);
  }

  /** The cohort's sessions as an iCalendar file: UTC instants, one stable UID per session. */
  async calendar(id: string): Promise<{ filename: string; body: string }> {
    const cohort = await this.getCohort(id);
    const sessions = await this.cohorts.sessions(id);
    const total = sessions.length;
    // A cancelled cohort's sessions stay in the file, marked so and one sequence later, so that a
    // calendar which imported them replaces its copies instead of keeping them.
    const cancelledAt = cohort.cancelledAt ? new Date(cohort.cancelledAt) : null;
    const body = serializeCalendar({
      name: `${cohort.course.title}: ${cohort.title}`,
      timeZone: cohort.timeZone,
      events: sessions.map((s) => ({
        uid: `${s.id}@msc-pathway`,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        stampedAt: cancelledAt && cancelledAt > s.updated_at ? cancelledAt : s.updated_at,
        sequence: cancelledAt ? s.sequence + 1 : s.sequence,
        cancelled: cancelledAt !== null,
        summary: `${cohort.course.title}: session ${s.number} of ${total}`,
        description: `${cohort.title}, session ${s.number} of ${total} (${cohort.localTime} ${cohort.timeZone}).`,
        location: cohort.course.deliveryMode === DeliveryMode.Online ? 'Online' : undefined,
      })),
    });
    return { filename: `cohort-${id}.ics`, body };
  }

  async addTeacher(
    actor: Actor,
    cohortId: string,
    input: { userId: string; role: TeacherRole },
  ): Promise<{
    cohortId: string;
    userId: string;
    displayName: string;
    role: TeacherRole;
    assignedAt: string;
  }> {
    return this.tx.transaction(async () => {
      if (!(await this.cohorts.exists(cohortId)))
        throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
      const user = await this.cohorts.userExists(input.userId);
      if (!user) throw new CoursesError(CoursesErrorCode.UserNotFound, 'No such user');
      const row = await this.cohorts.addTeacher({
        cohortId,
        userId: input.userId,
        role: input.role,
        assignedBy: actor.id,
      });
      if (!row) {
        throw new CoursesError(
          CoursesErrorCode.AlreadyTeacher,
          'This person already teaches this cohort',
        );
      }
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.teacher_added',
        subject: `cohort/${cohortId}`,
        details: { userId: input.userId, role: input.role },
      });
      return {
        cohortId,
        userId: input.userId,
        displayName: user.display_name,
        role: input.role,
        assignedAt: row.created_at.toISOString(),
      };
    });
  }

  async removeTeacher(actor: Actor, cohortId: string, userId: string): Promise<void> {
    await this.tx.transaction(async () => {
      if (!(await this.cohorts.removeTeacher(cohortId, userId)))
        throw new CoursesError(CoursesErrorCode.UserNotFound, 'This person does not teach it');
      await this.audit.record({
        actorId: actor.id,
        action: 'cohort.teacher_removed',
        subject: `cohort/${cohortId}`,
        details: { userId },
      });
    });
  }
}
