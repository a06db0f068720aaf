import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import type { AttendanceStatus } from './attendance-record.entity.js';
import { AttendanceRepository } from './attendance.repository.js';
import { CohortStatus } from './cohort.entity.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import type { AttendanceView } from './courses.views.js';
import { EnrollmentsRepository } from './enrollments.repository.js';
import { EnrollmentsService } from './enrollments.service.js';

/** Attendance may be taken from this long before a session starts. */
const EARLY_ATTENDANCE_MS = 30 * 60_000;

@Injectable()
export class AttendanceService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly enrollmentsService: EnrollmentsService,
    private readonly audit: AuditLog,
  ) {}

  /** Records (or corrects) a session's attendance of enrolled trainees, all or nothing. */
  async record(
    actor: Actor,
    cohortId: string,
    sessionId: string,
    records: { userId: string; status: AttendanceStatus }[],
  ): Promise<AttendanceView> {
    await this.enrollmentsService.assertStaff(actor, cohortId);
    return this.tx.transaction(async () => {
      const cohort = await this.cohorts.lock(cohortId);
      if (!cohort) throw new CoursesError(CoursesErrorCode.CohortNotFound, 'No such cohort');
      const session = await this.cohorts.findSession(cohortId, sessionId);
      if (!session)
        throw new CoursesError(CoursesErrorCode.SessionNotFound, 'No such session in this cohort');
      if (cohort.status === CohortStatus.Completed) {
        throw new CoursesError(
          CoursesErrorCode.CohortCompleted,
          'The cohort is completed; its attendance is final',
        );
      }
      if (cohort.status === CohortStatus.Cancelled)
        throw new CoursesError(CoursesErrorCode.CohortCancelled, 'The cohort is cancelled');
      if (session.starts_at.getTime() - EARLY_ATTENDANCE_MS > Date.now()) {
        throw new CoursesError(
          CoursesErrorCode.SessionNotStarted,
          'Attendance can be taken from 30 minutes before the session starts',
        );
      }
      const userIds = records.map((r) => r.userId);
      // Staff who are also enrolled (an admin who is a trainee) never mark themselves present.
      if (userIds.includes(actor.id)) {
        throw new CoursesError(
          CoursesErrorCode.OwnAttendance,
          'You cannot record your own attendance; another teacher or admin does',
        );
      }
      const enrolled = new Set(await this.enrollments.enrolledUserIds(cohortId, userIds));
      const notEnrolled = userIds.filter((id) => !enrolled.has(id));
      if (notEnrolled.length > 0) {
        throw new CoursesError(
          CoursesErrorCode.UsersNotEnrolled,
          `${notEnrolled.length} of these people are not enrolled in this cohort`,
          { notEnrolled },
        );
      }
      await this.attendance.upsert({ cohortId, sessionId, recordedBy: actor.id, records });
      await this.audit.record({
        actorId: actor.id,
        action: 'attendance.recorded',
        subject: `cohort/${cohortId}`,
        details: { sessionId, records: records.length },
      });
      return this.view(cohortId, sessionId);
    });
  }

  async get(actor: Actor, cohortId: string, sessionId: string): Promise<AttendanceView> {
    await this.enrollmentsService.assertStaff(actor, cohortId);
    if (!(await this.cohorts.findSession(cohortId, sessionId)))
      throw new CoursesError(CoursesErrorCode.SessionNotFound, 'No such session in this cohort');
    return this.view(cohortId, sessionId);
  }

  private async view(cohortId: string, sessionId: string): Promise<AttendanceView> {
    const rows = await this.attendance.forSession(sessionId);
    return {
      cohortId,
      sessionId,
      records: rows.map((r) => ({
        userId: r.user_id,
        status: r.status,
        recordedAt: r.recorded_at.toISOString(),
      })),
    };
  }
}
