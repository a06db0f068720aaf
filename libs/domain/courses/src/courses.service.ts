import { Injectable } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/domain/kernel';
import { JobName, jobIdOf, type JobItem } from '@msc/queue';
import { CohortStatus, SessionCadence } from './cohort.entity.js';
import type { TeacherRole } from './cohort-teacher.entity.js';
import { CourseFormat, DeliveryMode } from './course.entity.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesRepository } from './courses.repository.js';
import { type CohortView, type CourseView, toCourseView } from './courses.views.js';
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

  async listCourses(filter: { format?: CourseFormat; limit: number; offset: number }) {
    const { items, total } = await this.courses.list(filter);
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
      const course = await this.courses.findById(input.courseId);
      if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'No such course');
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
      await this.outbox.add(job, { jobId: jobIdOf(job) });
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
