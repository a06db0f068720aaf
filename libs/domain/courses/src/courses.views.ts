import type { CohortStatus, SessionCadence } from './cohort.entity.js';
import type { CourseFormat, DeliveryMode } from './course.entity.js';
import type { TeacherRole } from './cohort-teacher.entity.js';
import type { EnrollmentStatus } from './enrollment.entity.js';
import type { AttendanceStatus } from './attendance-record.entity.js';

export interface CourseView {
  id: string;
  code: string;
  title: string;
  format: CourseFormat;
  deliveryMode: DeliveryMode;
  sessionCount: number;
  sessionMinutes: number;
  completionMinSessions: number;
  ceHours: number | null;
  ceAccreditor: string | null;
  createdAt: string;
  /** When it was retired (it takes no new cohorts), or null while active. */
  retiredAt: string | null;
  retirementReason: string | null;
}

export interface CourseRow {
  id: string;
  code: string;
  title: string;
  format: CourseFormat;
  delivery_mode: DeliveryMode;
  session_count: number;
  session_minutes: number;
  completion_min_sessions: number;
  ce_hours: string | null;
  ce_accreditor: string | null;
  created_at: Date;
  retired_at: Date | null;
  retirement_reason: string | null;
}

export const COURSE_COLUMNS = `id, code, title, format, delivery_mode, session_count, session_minutes,
  completion_min_sessions, ce_hours, ce_accreditor, created_at, retired_at, retirement_reason`;

export function toCourseView(row: CourseRow): CourseView {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    format: row.format,
    deliveryMode: row.delivery_mode,
    sessionCount: row.session_count,
    sessionMinutes: row.session_minutes,
    completionMinSessions: row.completion_min_sessions,
    ceHours: row.ce_hours === null ? null : Number(row.ce_hours),
    ceAccreditor: row.ce_accreditor,
    createdAt: row.created_at.toISOString(),
    retiredAt: row.retired_at?.toISOString() ?? null,
    retirementReason: row.retirement_reason,
  };
}

export interface SessionView {
  id: string;
  number: number;
  startsAt: string;
  endsAt: string;
}

export interface CohortTeacherView {
  userId: string;
  displayName: string;
  role: TeacherRole;
}

export interface CohortView {
  id: string;
  courseId: string;
  title: string;
  status: CohortStatus;
  capacity: number;
  enrolledCount: number;
  waitlistCount: number;
  seatsLeft: number;
  timeZone: string;
  startDate: string;
  localTime: string;
  cadence: SessionCadence;
  ceEligible: boolean;
  completedAt: string | null;
  /** When an admin cancelled it, and why (null while it is not cancelled). */
  cancelledAt: string | null;
  cancellationReason: string | null;
  createdAt: string;
  course: {
    id: string;
    code: string;
    title: string;
    format: CourseFormat;
    deliveryMode: DeliveryMode;
    sessionCount: number;
    sessionMinutes: number;
    completionMinSessions: number;
  };
  teachers: CohortTeacherView[];
  sessions: SessionView[];
}

export interface EnrollmentView {
  id: string;
  cohortId: string;
  userId: string;
  status: EnrollmentStatus;
  waitlistPosition?: number;
}

export interface CohortEnrollmentView {
  id: string;
  cohortId: string;
  userId: string;
  displayName: string;
  email: string;
  status: EnrollmentStatus;
  waitlistPosition: number | null;
  requestCe: boolean;
  licenseNumber: string | null;
  enrolledAt: string | null;
  waitlistedAt: string | null;
  withdrawnAt: string | null;
  completedAt: string | null;
  attendedSessions: number;
}

export interface MyEnrollmentView {
  id: string;
  cohortId: string;
  userId: string;
  status: EnrollmentStatus;
  waitlistPosition: number | null;
  requestCe: boolean;
  enrolledAt: string | null;
  completedAt: string | null;
  attendedSessions: number;
  cohort: {
    id: string;
    title: string;
    status: CohortStatus;
    startDate: string;
    localTime: string;
    timeZone: string;
    firstSessionAt: string | null;
    lastSessionEndsAt: string | null;
  };
  course: {
    id: string;
    code: string;
    title: string;
    format: CourseFormat;
    completionMinSessions: number;
  };
}

export interface AttendanceView {
  cohortId: string;
  sessionId: string;
  records: { userId: string; status: AttendanceStatus; recordedAt: string }[];
}

export const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();
