import { DomainError } from '@msc/kernel';

export enum CoursesErrorCode {
  CourseNotFound = 'courses.course_not_found',
  CourseCodeTaken = 'courses.course_code_taken',
  InvalidCourse = 'courses.invalid_course',
  CohortNotFound = 'courses.cohort_not_found',
  InvalidSchedule = 'courses.invalid_schedule',
  CohortNotReady = 'courses.cohort_not_ready',
  CohortCompleted = 'courses.cohort_completed',
  SessionNotFound = 'courses.session_not_found',
  SessionNotStarted = 'courses.session_not_started',
  SessionOrder = 'courses.session_order',
  UserNotFound = 'courses.user_not_found',
  AlreadyTeacher = 'courses.already_teacher',
  NotCohortStaff = 'courses.not_cohort_staff',
  EnrollingOthers = 'courses.enrolling_others',
  UserIdRequired = 'courses.user_id_required',
  AlreadyEnrolled = 'courses.already_enrolled',
  EnrollmentClosed = 'courses.enrollment_closed',
  EnrollmentNotFound = 'courses.enrollment_not_found',
  UsersNotEnrolled = 'courses.users_not_enrolled',
  /** Staff recording their own attendance. */
  OwnAttendance = 'courses.own_attendance',
  /** A signed link whose signature does not match (altered, truncated). */
  LinkInvalid = 'courses.link_invalid',
  LinkExpired = 'courses.link_expired',
  CalendarFeedNotFound = 'courses.calendar_feed_not_found',
  /** Completing a cohort whose first session has not begun. */
  CohortNotStarted = 'courses.cohort_not_started',
  /** Reopening a cohort that is not completed. */
  CohortNotCompleted = 'courses.cohort_not_completed',
  /** A trainee enrolling in a later stage's course before its prerequisites are met. */
  PrerequisitesUnmet = 'courses.prerequisites_unmet',
  /** Changing or acting on a cohort an admin cancelled. */
  CohortCancelled = 'courses.cohort_cancelled',
  /** A capacity below the number of people already holding a seat. */
  CapacityBelowEnrolled = 'courses.capacity_below_enrolled',
  /** Moving the start (date, time, zone) of a cohort whose first session has begun. */
  CohortStarted = 'courses.cohort_started',
  /** Creating a cohort of a retired course, or retiring it again. */
  CourseRetired = 'courses.course_retired',
  /** Reinstating a course that is not retired. */
  CourseNotRetired = 'courses.course_not_retired',
  /** Changing a course's format or session count once it has a cohort, or its minutes once a cohort has sessions. */
  CourseInUse = 'courses.course_in_use',
}

export class CoursesError extends DomainError<CoursesErrorCode> {
  readonly context = 'courses';
}
