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
  /** Every requirement of this evaluator's kind in the stages evaluated, judged together. */
  requirements: RequirementDefinition[];
  /**
   * Every stage of the trainee's pinned version (more than the stages evaluated when a step needs
   * only the first ones): what a requirement pointing at another one by key (`during`) reads.
   */
  pathway: readonly StageDefinition[];
}

/**
 * What an evaluator's SQL may depend on: its requirements alone. The trainee and the moment are
 * placeholders (EvidenceBinder), so that one statement, made once, serves every evaluation.
 */
export type EvidenceInput = Pick<EvaluationInput, 'requirements'>;

/**
 * What an evaluator's SQL is given: the trainee and the moment as parameters every evaluator
 * shares, and further parameters for values the pinned version holds (formats, kinds). The SQL
 * text of an evaluator depends on the requirements' shape only, never on a value, so that the
 * statement is the same from one request to the next and PostgreSQL plans it once.
 */
export interface EvidenceBinder {
  /** The trainee's id: a `uuid` parameter (the same placeholder for every part). */
  readonly trainee: string;
  /** The moment of the evaluation: a `timestamptz` parameter (the same for every part). */
  readonly now: string;
  /**
   * A parameter holding `value`, cast to `type` (`text[]`, `int`): its placeholder. The value
   * comes from the requirements, never from the trainee or the moment.
   */
  value(value: unknown, type: string): string;
}

/**
 * The SQL an evaluator reads its evidence with, one expression per part: each a scalar
 * subquery of one `json` value (see `evidenceJson`). The engine puts the parts of every evaluator
 * into one statement (one round trip and one snapshot) and reads a part that two evaluators ask
 * with the same SQL once.
 */
export type EvidenceSql<Evidence> = { readonly [Part in keyof Evidence]: string };

/**
 * Judges one requirement kind for one trainee, in two steps: `evidence` says what to read (SQL
 * composed into the progress statement, set-based: the same expressions whatever the number of
 * requirements), then `judge` decides every requirement of the kind from what was read, without
 * I/O. `Evidence` is the JSON the parts return, by part.
 */
export interface RequirementEvaluator<Evidence extends object = Record<string, unknown>> {
  readonly kind: RequirementKind;
  evidence(input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<Evidence>;
  judge(input: EvaluationInput, evidence: Evidence): Map<string, RequirementResult>;
  /**
   * Optional: the problems with a requirement's params (empty when fine), checked when an admin
   * publishes a pathway version, so that a typo in a param name is refused rather than never met.
   */
  validateParams?(params: Record<string, unknown>): string[];
}

/** The rows of a SELECT as one JSON array (`[]` when none): a part of an evaluator's evidence. */
export function evidenceRows(select: string): string {
  return `(SELECT coalesce(json_agg(r), '[]'::json) FROM (${select}) r)`;
}

/** The first row of a SELECT as one JSON object (null when none). */
export function evidenceRow(select: string): string {
  return `(SELECT row_to_json(r) FROM (${select}) r LIMIT 1)`;
}

/** A timestamp as JSON carries it (ISO text), back to a Date; null stays null. */
export function jsonDate(value: string | null | undefined): Date | null {
  return value == null ? null : new Date(value);
}
