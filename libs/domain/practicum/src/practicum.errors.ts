import { DomainError } from '@msc/kernel';

export enum PracticumErrorCode {
  PracticumNotFound = 'practicum.not_found',
  UserNotFound = 'practicum.user_not_found',
  NotAMentor = 'practicum.not_a_mentor',
  NotATrainee = 'practicum.not_a_trainee',
  SamePerson = 'practicum.same_person',
  ActivePracticumExists = 'practicum.active_practicum_exists',
  PracticumClosed = 'practicum.closed',
  NotPracticumMentor = 'practicum.not_practicum_mentor',
  NotPracticumTrainee = 'practicum.not_practicum_trainee',
  SessionInFuture = 'practicum.session_in_future',
  SessionAlreadyLogged = 'practicum.session_already_logged',
  CohortNotFound = 'practicum.cohort_not_found',
  NotTeachingCohort = 'practicum.not_teaching_cohort',
  SessionNumberUnknown = 'practicum.session_number_unknown',
  UnsupportedMediaType = 'practicum.unsupported_media_type',
  RecordingNotFound = 'practicum.recording_not_found',
  NotReviewer = 'practicum.not_reviewer',
  RecordingNotAwaitingReview = 'practicum.recording_not_awaiting_review',
  CommentOutOfRange = 'practicum.comment_out_of_range',
  IncompleteScores = 'practicum.incomplete_scores',
  /** An admin acting on their own practicum or recording (separation of duties). */
  OwnCase = 'practicum.own_case',
  /** The chosen reviewer may not review this recording (role, the trainee, or teaches the cohort). */
  ReviewerNotEligible = 'practicum.reviewer_not_eligible',
  UploadNotFound = 'practicum.upload_not_found',
  /** The chunk does not start where the upload stands; `offset` in the details says where. */
  UploadOffsetMismatch = 'practicum.upload_offset_mismatch',
  UploadAlreadyComplete = 'practicum.upload_already_complete',
  /** Another request is turning the upload into its recording. */
  UploadCompleting = 'practicum.upload_completing',
  UploadTooLarge = 'practicum.upload_too_large',
}

export class PracticumError extends DomainError<PracticumErrorCode> {
  readonly context = 'practicum';
}
