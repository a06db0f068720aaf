/** The tables courses owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const coursesTables = [
  'courses',
  'cohorts',
  'cohort_sessions',
  'cohort_teachers',
  'enrollments',
  'attendance_records',
  'practice_logs',
  'calendar_feeds',
] as const;
