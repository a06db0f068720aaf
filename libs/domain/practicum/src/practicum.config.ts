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

/** What a domain or a level means, as reviewers and trainees read it beside the scores. */
export interface RubricEntry<Key extends string> {
  key: Key;
  title: string;
  description: string;
}

/** The six domains, in the order a review form shows them. */
export const RUBRIC_DOMAIN_TEXTS: readonly RubricEntry<RubricDomain>[] = [
  {
    key: 'coverage_pacing',
    title: 'Coverage and pacing',
    description:
      "The session's themes and practices are all covered, in an order and at a pace that leave room for the group.",
  },
  {
    key: 'relational_skills',
    title: 'Relational skills',
    description:
      'Warmth, respect and genuine interest towards each participant; the teacher stays present and responsive.',
  },
  {
    key: 'embodiment',
    title: 'Embodiment',
    description:
      'Mindfulness and self-compassion are shown in how the teacher speaks, moves and holds themselves, not only described.',
  },
  {
    key: 'guiding_practices',
    title: 'Guiding practices',
    description:
      'Meditations and exercises are guided clearly and precisely, with pauses and language that invite rather than instruct.',
  },
  {
    key: 'inquiry',
    title: 'Inquiry',
    description:
      "After a practice, participants' experience is explored with curiosity and linked to the course's intentions.",
  },
  {
    key: 'holding_the_group',
    title: 'Holding the group',
    description:
      'The group is a safe, contained learning environment: boundaries, group process and difficult moments are held.',
  },
];

/** The levels, lowest first (the order of `RUBRIC_LEVELS`). */
export const RUBRIC_LEVEL_TEXTS: readonly RubricEntry<RubricLevel>[] = [
  {
    key: 'incompetent',
    title: 'Incompetent',
    description: 'Key features are missing or there are serious teaching errors.',
  },
  {
    key: 'beginner',
    title: 'Beginner',
    description: 'Some key features appear, with many errors and little consistency.',
  },
  {
    key: 'advanced_beginner',
    title: 'Advanced beginner',
    description: 'Most key features appear, though some are not well developed and errors remain.',
  },
  {
    key: 'competent',
    title: 'Competent',
    description: 'Key features are present and effective, with only minor problems.',
  },
  {
    key: 'proficient',
    title: 'Proficient',
    description: 'Key features are consistently well done, with very few problems.',
  },
  {
    key: 'advanced',
    title: 'Advanced',
    description: 'Excellent teaching throughout, even with difficult moments in the group.',
  },
];

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

/** The rubric as the review form and the trainee's page show it. */
export function rubric() {
  const threshold = rankOf(COMPETENT_LEVEL);
  return {
    domains: RUBRIC_DOMAIN_TEXTS.map(({ key, title, description }) => ({
      key,
      title,
      description,
    })),
    levels: RUBRIC_LEVEL_TEXTS.map(({ key, title, description }) => ({
      key,
      title,
      description,
      rank: rankOf(key),
      competent: rankOf(key) >= threshold,
    })),
    competentLevel: COMPETENT_LEVEL,
    reviewDueDays: REVIEW_DUE_DAYS,
    minRecordingSeconds: MIN_RECORDING_SECONDS,
  };
}

/** The largest chunk one request of a resumable upload may carry. */
export const UPLOAD_CHUNK_MAX_BYTES = 64 * 1024 * 1024;
/** A resumable upload left this long without a chunk is purged with its parts. */
export const UPLOAD_EXPIRY_HOURS = 24;
/** A completion that has not finished after this long (its process died) may be tried again. */
export const UPLOAD_COMPLETION_CLAIM_MS = 10 * 60_000;
