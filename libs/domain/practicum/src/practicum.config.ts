/**
 * The practicum's configuration in one place: the recording rubric (MBI:TAC-style domains and the
 * ordered competence levels) and the review timings. Changing a level's order changes outcomes.
 */
export const RUBRIC_DOMAINS = [
  'coverage_pacing',
  'relational_skills',
  'embodiment',
  'guiding_practices',
  'inquiry',
  'holding_the_group',
] as const;
export type RubricDomain = (typeof RUBRIC_DOMAINS)[number];

/** Lowest first: a level passes a threshold when its index is at least the threshold's. */
export const RUBRIC_LEVELS = [
  'incompetent',
  'beginner',
  'advanced_beginner',
  'competent',
  'proficient',
  'advanced',
] as const;
export type RubricLevel = (typeof RUBRIC_LEVELS)[number];

/** A review whose every domain reaches this level has the outcome `competent`. */
export const COMPETENT_LEVEL: RubricLevel = 'competent';

export type RubricScores = Record<RubricDomain, RubricLevel>;

export const rankOf = (level: string): number =>
  (RUBRIC_LEVELS as readonly string[]).indexOf(level);
export const isRubricLevel = (value: unknown): value is RubricLevel =>
  typeof value === 'string' && rankOf(value) !== -1;

/** Shorter recordings cannot show a teaching session's arc; they are rejected by the probe. */
export const MIN_RECORDING_SECONDS = 60;

/** A review is due this long after it was assigned; the reviewer is reminded, then admins told. */
export const REVIEW_DUE_DAYS = 10;
export const REVIEW_REMINDER_DAYS = 5;
export const REVIEW_ESCALATION_DAYS = 10;

/** A session logged this far ahead of the server's clock is still "not in the future" (skew). */
export const SESSION_CLOCK_SKEW_MS = 5 * 60_000;

export const DAY_MS = 86_400_000;
