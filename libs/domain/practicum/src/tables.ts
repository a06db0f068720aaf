/** The tables practicum owns: only its own SQL names them (libs/domain/sql-ownership.spec.ts). */
export const practicumTables = [
  'practicums',
  'practicum_sessions',
  'teaching_recordings',
  'mentor_reviews',
  'review_comments',
  'recording_uploads',
  'recording_upload_parts',
] as const;
