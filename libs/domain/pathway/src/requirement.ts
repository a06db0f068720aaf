/** The requirement kinds a pathway version may use. A new kind needs an evaluator in its own context. */
export enum RequirementKind {
  CourseCompleted = 'course_completed',
  TimeSince = 'time_since',
  AttestationVerified = 'attestation_verified',
  PracticeDays = 'practice_days',
  ApplicationApproved = 'application_approved',
  CoursesTaught = 'courses_taught',
  SessionsLogged = 'sessions_logged',
  RecordingsApproved = 'recordings_approved',
  AdminApproval = 'admin_approval',
}

/** One requirement of a stage, as stored in a pathway version (params are per kind). */
export interface RequirementDefinition {
  /** Unique within the version, e.g. `msc_course.completed`. */
  key: string;
  kind: RequirementKind;
  title: string;
  params: Record<string, unknown>;
}

export interface StageDefinition {
  key: string;
  title: string;
  requirements: RequirementDefinition[];
  /** The designation this stage leads to, e.g. `trained_teacher`, if any. */
  designation?: string;
}

/** What an evaluator says of one requirement for one trainee. */
export interface RequirementResult {
  met: boolean;
  have: number;
  need: number;
  /** A human sentence: "Attended 5 of the 7 sessions needed". */
  detail: string;
  /** What to do next when unmet, in plain words. */
  nextStep?: string;
  /**
   * Where the next step is done, as a web app path (`/my-courses`), when it differs from the
   * kind's usual page (NEXT_ACTION_TARGETS); null when there is no page for it.
   */
  nextTarget?: string | null;
  /** When the requirement became met (used for stage completion dates and `time_since`). */
  metAt?: Date | null;
}

export interface EvaluationInput {
  traineeId: string;
  now: Date;
  /** Every requirement of this evaluator's kind in the trainee's pinned version, evaluated together. */
  requirements: RequirementDefinition[];
}

/**
 * Judges one requirement kind. It is called once per progress request with every requirement of
 * its kind, so it answers in a fixed number of queries (set-based SQL), never one per requirement.
 */
export interface RequirementEvaluator {
  readonly kind: RequirementKind;
  evaluate(input: EvaluationInput): Promise<Map<string, RequirementResult>>;
  /**
   * Optional: the problems with a requirement's params (empty when fine), checked when an admin
   * publishes a pathway version, so that a typo in a param name is refused rather than never met.
   */
  validateParams?(params: Record<string, unknown>): string[];
}
