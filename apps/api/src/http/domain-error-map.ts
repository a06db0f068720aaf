import { ApplicationsErrorCode } from '@msc/domain/applications';
import { CeCreditsErrorCode } from '@msc/domain/ce-credits';
import { CoursesErrorCode, PracticeErrorCode } from '@msc/domain/courses';
import { CredentialsErrorCode } from '@msc/domain/credentials';
import { IdentityErrorCode } from '@msc/domain/identity';
import { PathwayErrorCode } from '@msc/domain/pathway';
import { PracticumErrorCode } from '@msc/domain/practicum';
import { StorageErrorCode } from '@msc/storage';

/** The HTTP status of every domain error code; a Record per context keeps it exhaustive. */
const identity: Record<IdentityErrorCode, number> = {
  [IdentityErrorCode.EmailTaken]: 409,
  [IdentityErrorCode.InvalidCredentials]: 401,
  [IdentityErrorCode.TooManyFailedLogins]: 429,
  [IdentityErrorCode.InvalidRefreshToken]: 401,
  [IdentityErrorCode.RefreshTokenReused]: 401,
  [IdentityErrorCode.InvalidAccessToken]: 401,
  [IdentityErrorCode.UserNotFound]: 404,
  [IdentityErrorCode.InvalidTimeZone]: 400,
  [IdentityErrorCode.LastAdmin]: 409,
  [IdentityErrorCode.Busy]: 503,
  [IdentityErrorCode.WrongPassword]: 403,
  [IdentityErrorCode.InvalidResetToken]: 400,
  [IdentityErrorCode.ClientHeaderRequired]: 403,
  [IdentityErrorCode.AccountDeactivated]: 401,
  [IdentityErrorCode.CannotDeactivateSelf]: 409,
};

const pathway: Record<PathwayErrorCode, number> = {
  [PathwayErrorCode.TraineeNotFound]: 404,
  [PathwayErrorCode.VersionNotFound]: 404,
  [PathwayErrorCode.NoPublishedVersion]: 409,
  [PathwayErrorCode.InvalidVersion]: 400,
  [PathwayErrorCode.StageNotFound]: 409,
  [PathwayErrorCode.ProgressNotVisible]: 403,
};

const courses: Record<CoursesErrorCode, number> = {
  [CoursesErrorCode.CourseNotFound]: 404,
  [CoursesErrorCode.CourseCodeTaken]: 409,
  [CoursesErrorCode.InvalidCourse]: 400,
  [CoursesErrorCode.CohortNotFound]: 404,
  [CoursesErrorCode.InvalidSchedule]: 400,
  [CoursesErrorCode.CohortNotReady]: 409,
  [CoursesErrorCode.CohortCompleted]: 409,
  [CoursesErrorCode.SessionNotFound]: 404,
  [CoursesErrorCode.SessionNotStarted]: 409,
  [CoursesErrorCode.SessionOrder]: 409,
  [CoursesErrorCode.UserNotFound]: 404,
  [CoursesErrorCode.AlreadyTeacher]: 409,
  [CoursesErrorCode.NotCohortStaff]: 403,
  [CoursesErrorCode.EnrollingOthers]: 403,
  [CoursesErrorCode.UserIdRequired]: 400,
  [CoursesErrorCode.AlreadyEnrolled]: 409,
  [CoursesErrorCode.EnrollmentClosed]: 409,
  [CoursesErrorCode.EnrollmentNotFound]: 404,
  [CoursesErrorCode.UsersNotEnrolled]: 422,
  [CoursesErrorCode.OwnAttendance]: 403,
  [CoursesErrorCode.LinkInvalid]: 403,
  [CoursesErrorCode.LinkExpired]: 410,
  [CoursesErrorCode.CalendarFeedNotFound]: 404,
  [CoursesErrorCode.CohortNotStarted]: 409,
  [CoursesErrorCode.CohortNotCompleted]: 409,
  [CoursesErrorCode.PrerequisitesUnmet]: 422,
  [CoursesErrorCode.CohortCancelled]: 409,
  [CoursesErrorCode.CapacityBelowEnrolled]: 409,
  [CoursesErrorCode.CohortStarted]: 409,
  [CoursesErrorCode.CourseRetired]: 409,
  [CoursesErrorCode.CourseNotRetired]: 409,
  [CoursesErrorCode.CourseInUse]: 409,
};

const ceCredits: Record<CeCreditsErrorCode, number> = {
  [CeCreditsErrorCode.CreditNotFound]: 404,
  [CeCreditsErrorCode.CohortNotFound]: 404,
};

const credentials: Record<CredentialsErrorCode, number> = {
  [CredentialsErrorCode.RequirementsUnmet]: 422,
  [CredentialsErrorCode.RequestAlreadyOpen]: 409,
  [CredentialsErrorCode.RequestNotFound]: 404,
  [CredentialsErrorCode.RequestAlreadyDecided]: 409,
  [CredentialsErrorCode.CredentialNotFound]: 404,
  [CredentialsErrorCode.CredentialNotVisible]: 403,
  [CredentialsErrorCode.CredentialAlreadyRevoked]: 409,
  [CredentialsErrorCode.CredentialStatusUnchanged]: 409,
  [CredentialsErrorCode.StatusListNotFound]: 404,
  [CredentialsErrorCode.OwnRequest]: 403,
};

const practicum: Record<PracticumErrorCode, number> = {
  [PracticumErrorCode.PracticumNotFound]: 404,
  [PracticumErrorCode.UserNotFound]: 404,
  [PracticumErrorCode.NotAMentor]: 422,
  [PracticumErrorCode.NotATrainee]: 422,
  [PracticumErrorCode.SamePerson]: 422,
  [PracticumErrorCode.ActivePracticumExists]: 409,
  [PracticumErrorCode.PracticumClosed]: 409,
  [PracticumErrorCode.NotPracticumMentor]: 403,
  [PracticumErrorCode.NotPracticumTrainee]: 403,
  [PracticumErrorCode.SessionInFuture]: 422,
  [PracticumErrorCode.SessionAlreadyLogged]: 409,
  [PracticumErrorCode.CohortNotFound]: 422,
  [PracticumErrorCode.NotTeachingCohort]: 422,
  [PracticumErrorCode.SessionNumberUnknown]: 422,
  [PracticumErrorCode.UnsupportedMediaType]: 415,
  [PracticumErrorCode.RecordingNotFound]: 404,
  [PracticumErrorCode.NotReviewer]: 403,
  [PracticumErrorCode.RecordingNotAwaitingReview]: 409,
  [PracticumErrorCode.CommentOutOfRange]: 422,
  [PracticumErrorCode.IncompleteScores]: 400,
  [PracticumErrorCode.OwnCase]: 403,
  [PracticumErrorCode.ReviewerNotEligible]: 422,
  [PracticumErrorCode.UploadNotFound]: 404,
  [PracticumErrorCode.UploadOffsetMismatch]: 409,
  [PracticumErrorCode.UploadAlreadyComplete]: 409,
  [PracticumErrorCode.UploadCompleting]: 409,
  [PracticumErrorCode.UploadTooLarge]: 413,
};

const practice: Record<PracticeErrorCode, number> = {
  [PracticeErrorCode.DateInFuture]: 400,
  [PracticeErrorCode.DateTooOld]: 400,
  [PracticeErrorCode.InvalidRange]: 400,
  [PracticeErrorCode.TraineeNotFound]: 404,
};

const applications: Record<ApplicationsErrorCode, number> = {
  [ApplicationsErrorCode.AttestationNotFound]: 404,
  [ApplicationsErrorCode.AttestationNotPending]: 409,
  [ApplicationsErrorCode.EvidenceNotFound]: 404,
  [ApplicationsErrorCode.EvidenceTooLarge]: 413,
  [ApplicationsErrorCode.EvidenceTypeUnsupported]: 415,
  [ApplicationsErrorCode.EvidenceRequired]: 400,
  [ApplicationsErrorCode.AttestationAlreadyPending]: 409,
  [ApplicationsErrorCode.ApplicationNotFound]: 404,
  [ApplicationsErrorCode.ApplicationAlreadyOpen]: 409,
  [ApplicationsErrorCode.ApplicationNotSubmitted]: 409,
  [ApplicationsErrorCode.PrerequisitesUnmet]: 422,
  [ApplicationsErrorCode.OwnDecision]: 403,
};

const storage: Record<StorageErrorCode, number> = {
  [StorageErrorCode.TooLarge]: 413,
  [StorageErrorCode.NotFound]: 404,
  [StorageErrorCode.InvalidKey]: 404,
  [StorageErrorCode.InvalidRange]: 416,
};

export const STATUS_OF_DOMAIN_CODE: Readonly<Record<string, number>> = {
  ...identity,
  ...pathway,
  ...courses,
  ...ceCredits,
  ...credentials,
  ...practicum,
  ...practice,
  ...applications,
  ...storage,
};
