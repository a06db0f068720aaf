import type { EvaluatorRegistry } from './evaluator-registry.js';
import {
  type EvidenceBinder,
  type RequirementDefinition,
  type RequirementEvaluator,
  RequirementKind,
  type RequirementResult,
  type StageDefinition,
} from './requirement.js';
import { countOf, shownHave } from './sentences.js';

export type StageStatus = 'completed' | 'in_progress' | 'locked';

/** The detail of a requirement whose kind no context judges yet. */
export const NOT_TRACKED = 'not tracked yet';

export interface EvaluatedRequirement {
  definition: RequirementDefinition;
  result: RequirementResult;
}

export interface EvaluatedStage {
  definition: StageDefinition;
  requirements: EvaluatedRequirement[];
  /** Latest metAt of its requirements when all are met; null while unmet or when no date is known. */
  completedAt: Date | null;
}

export interface RequirementProgress {
  key: string;
  title: string;
  kind: RequirementKind;
  met: boolean;
  have: number;
  need: number;
  detail: string;
  metAt: string | null;
}

export interface StageProgress {
  key: string;
  title: string;
  status: StageStatus;
  designation: string | null;
  completedAt: string | null;
  requirements: RequirementProgress[];
}

/** A next step in machine-readable form: its sentence, its requirement kind, where it is done. */
export interface NextAction {
  text: string;
  kind: RequirementKind;
  /** A web app path (`/cohorts`, `/practice`, …), or null when no page does it. */
  target: string | null;
}

/** The web app page where a requirement of each kind is worked on (an evaluator may say otherwise). */
export const NEXT_ACTION_TARGETS: Record<RequirementKind, string | null> = {
  [RequirementKind.CourseCompleted]: '/cohorts',
  [RequirementKind.TimeSince]: null,
  [RequirementKind.AttestationVerified]: '/attestations',
  [RequirementKind.PracticeDays]: '/practice',
  [RequirementKind.ApplicationApproved]: '/application',
  [RequirementKind.CoursesTaught]: '/practicum',
  [RequirementKind.SessionsLogged]: '/practicum',
  [RequirementKind.RecordingsApproved]: '/practicum',
  [RequirementKind.AdminApproval]: '/certification',
};

export interface DerivedProgress {
  currentStage: string | null;
  designation: string | null;
  percentComplete: number;
  stages: StageProgress[];
  nextSteps: string[];
  /** The next steps again, in the same order with the same texts, with where each is done. */
  nextActions: NextAction[];
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

function notTracked(requirement: RequirementDefinition): RequirementResult {
  const count = requirement.params.count;
  return {
    met: false,
    have: 0,
    need: typeof count === 'number' && count > 0 ? count : 1,
    detail: NOT_TRACKED,
  };
}

/** Every requirement of the stages, grouped by kind in their pathway order (time_since excluded). */
export function groupByKind(
  stages: readonly StageDefinition[],
): Map<RequirementKind, RequirementDefinition[]> {
  const groups = new Map<RequirementKind, RequirementDefinition[]>();
  for (const stage of stages) {
    for (const requirement of stage.requirements) {
      if (requirement.kind === RequirementKind.TimeSince) continue;
      const group = groups.get(requirement.kind);
      if (group) group.push(requirement);
      else groups.set(requirement.kind, [requirement]);
    }
  }
  return groups;
}

/**
 * `date` plus whole calendar months in UTC, the day of the month kept where the month has it and
 * else the month's last day (31 January plus one month is 28 or 29 February), the time unchanged.
 */
export function addMonthsUtc(date: Date, months: number): Date {
  const day = date.getUTCDate();
  const shifted = new Date(date.getTime());
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0),
  ).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted;
}

/** The whole calendar months from `from` to `to` (0 when `to` is not after `from`). */
export function wholeMonthsBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let months =
    (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  while (months > 0 && addMonthsUtc(from, months).getTime() > to.getTime()) months -= 1;
  return months;
}

/**
 * Met when `now` is at least `months` after the completion of `sinceStage` (an earlier stage).
 * The engine judges it itself: it depends on other stages, not on evidence of its own.
 */
export function evaluateTimeSince(
  requirement: RequirementDefinition,
  since: { title: string; completed: boolean; completedAt: Date | null } | undefined,
  now: Date,
): RequirementResult {
  const months = Number(requirement.params.months);
  if (!since || !Number.isFinite(months)) {
    return { met: false, have: 0, need: 1, detail: 'This requirement is misconfigured' };
  }
  const stage = `"${since.title}"`;
  const later = countOf(months, 'month');
  if (!since.completed) {
    return {
      met: false,
      have: 0,
      need: months,
      detail: `Counts from the completion of ${stage}, which is not complete yet`,
      nextStep: `Complete ${stage}; this requirement is met ${later} later`,
    };
  }
  if (!since.completedAt) {
    return {
      met: false,
      have: 0,
      need: months,
      detail: `The date ${stage} was completed is not known`,
      nextStep: `Ask an administrator to record when you completed ${stage}`,
    };
  }
  const due = addMonthsUtc(since.completedAt, months);
  const elapsed = wholeMonthsBetween(since.completedAt, now);
  if (now.getTime() >= due.getTime()) {
    return {
      met: true,
      have: Math.max(elapsed, months),
      need: months,
      detail: `${later} ${months === 1 ? 'has' : 'have'} passed since you completed ${stage} on ${isoDate(since.completedAt)}`,
      metAt: due,
    };
  }
  return {
    met: false,
    have: Math.min(elapsed, months - 1),
    need: months,
    detail: `${later} after completing ${stage}, on ${isoDate(due)}`,
    nextStep: `Wait until ${isoDate(due)}, ${later} after completing ${stage}`,
  };
}

function checked(
  requirement: RequirementDefinition,
  result: RequirementResult | undefined,
): RequirementResult {
  if (!result) {
    throw new Error(`the ${requirement.kind} evaluator gave no result for "${requirement.key}"`);
  }
  if (!Number.isFinite(result.have) || !Number.isFinite(result.need)) {
    throw new Error(
      `the ${requirement.kind} evaluator gave a non-numeric have/need for "${requirement.key}"`,
    );
  }
  return result;
}

/** Runs the one statement of an evaluation: its single row, by column. */
export type ReadEvidence = (sql: string, params: unknown[]) => Promise<Record<string, unknown>>;

/** What the engine reads for one evaluation: one statement, and how its row is judged. */
export interface EvidencePlan {
  /** `SELECT <part> AS e0, <part> AS e1, …`, or null when no evaluator needs to read anything. */
  sql: string | null;
  params: unknown[];
  judge(row: Record<string, unknown>): Map<string, RequirementResult>;
}

/** A parameter of the evidence statement that changes with each evaluation. */
const TRAINEE = Symbol('trainee');
const NOW = Symbol('now');

/** The evidence statement of a list of stages: the same for every trainee and every moment. */
interface EvidenceTemplate {
  sql: string | null;
  /** The statement's parameters: the trainee, the moment, or a value an evaluator bound. */
  slots: unknown[];
  asked: {
    evaluator: RequirementEvaluator | undefined;
    requirements: RequirementDefinition[];
    parts: [part: string, column: string][];
  }[];
}

/**
 * Composes every evaluator's evidence into one statement, its parameters numbered in the order
 * the parts first ask for them. A part two evaluators write with the same SQL is read once and
 * given to both. What an evaluator writes depends on its requirements only (the trainee and the
 * moment are placeholders), so the template is made once per list of stages and registry state.
 */
function composeEvidence(
  registry: EvaluatorRegistry,
  stages: readonly StageDefinition[],
): EvidenceTemplate {
  const slots: unknown[] = [];
  const placeholder = (slot: unknown, type: string) => {
    slots.push(slot);
    return `$${slots.length}::${type}`;
  };
  // The trainee and the moment become parameters when a part first names them: every parameter
  // of the statement is used, as PostgreSQL needs to know each one's type.
  let trainee: string | undefined;
  let now: string | undefined;
  const bind: EvidenceBinder = {
    get trainee() {
      return (trainee ??= placeholder(TRAINEE, 'uuid'));
    },
    get now() {
      return (now ??= placeholder(NOW, 'timestamptz'));
    },
    value: placeholder,
  };
  const columns = new Map<string, string>();
  const asked: EvidenceTemplate['asked'] = [];
  for (const [kind, requirements] of groupByKind(stages)) {
    const evaluator = registry.get(kind);
    const parts: [string, string][] = [];
    if (evaluator) {
      for (const [part, expression] of Object.entries(evaluator.evidence({ requirements }, bind))) {
        let column = columns.get(expression);
        if (column === undefined) {
          column = `e${columns.size}`;
          columns.set(expression, column);
        }
        parts.push([part, column]);
      }
    }
    asked.push({ evaluator, requirements, parts });
  }
  const sql = columns.size
    ? `SELECT ${[...columns].map(([expression, column]) => `${expression} AS ${column}`).join(',\n       ')}`
    : null;
  return { sql, slots, asked };
}

/** Templates by list of stages (a pinned version's stages are one array per process). */
const templates = new WeakMap<
  readonly StageDefinition[],
  { registry: EvaluatorRegistry; generation: number; template: EvidenceTemplate }
>();

function templateOf(
  registry: EvaluatorRegistry,
  stages: readonly StageDefinition[],
): EvidenceTemplate {
  const known = templates.get(stages);
  if (known && known.registry === registry && known.generation === registry.generation) {
    return known.template;
  }
  const template = composeEvidence(registry, stages);
  templates.set(stages, { registry, generation: registry.generation, template });
  return template;
}

/** The evidence statement of one evaluation, and how its row is judged. */
export function planEvidence(
  registry: EvaluatorRegistry,
  stages: readonly StageDefinition[],
  input: { traineeId: string; now: Date; pathway: readonly StageDefinition[] },
): EvidencePlan {
  const { sql, slots, asked } = templateOf(registry, stages);
  const params = slots.map((slot) =>
    slot === TRAINEE ? input.traineeId : slot === NOW ? input.now : slot,
  );
  return {
    sql,
    params,
    judge(row) {
      const results = new Map<string, RequirementResult>();
      for (const { evaluator, requirements, parts } of asked) {
        if (!evaluator) {
          for (const requirement of requirements)
            results.set(requirement.key, notTracked(requirement));
          continue;
        }
        const evidence: Record<string, unknown> = {};
        for (const [part, column] of parts) evidence[part] = row[column];
        const answered = evaluator.judge({ ...input, requirements }, evidence);
        for (const requirement of requirements) {
          results.set(requirement.key, checked(requirement, answered.get(requirement.key)));
        }
      }
      return results;
    },
  };
}

/**
 * Evaluates the stages in one pass: every evaluator's evidence is read in one statement (one
 * round trip, one snapshot: every requirement's evidence is of the same moment), each evaluator
 * then judges all the requirements of its kind, `time_since` is judged here from the stages
 * before it, and a kind nobody judges yet is reported unmet as "not tracked yet". `pathway` is
 * the whole pinned version when `stages` are only its first ones.
 */
export async function evaluateStages(
  registry: EvaluatorRegistry,
  stages: readonly StageDefinition[],
  input: { traineeId: string; now: Date; pathway?: readonly StageDefinition[] },
  read: ReadEvidence,
): Promise<EvaluatedStage[]> {
  const { now } = input;
  const plan = planEvidence(registry, stages, { ...input, pathway: input.pathway ?? stages });
  const results = plan.judge(plan.sql === null ? {} : await read(plan.sql, plan.params));

  const evaluated: EvaluatedStage[] = [];
  const byKey = new Map<string, { title: string; completed: boolean; completedAt: Date | null }>();
  for (const stage of stages) {
    const requirements = stage.requirements.map((definition) => ({
      definition,
      result:
        definition.kind === RequirementKind.TimeSince
          ? evaluateTimeSince(definition, byKey.get(String(definition.params.sinceStage)), now)
          : results.get(definition.key)!,
    }));
    let completed = true;
    let latest = -Infinity;
    for (const { result } of requirements) {
      if (!result.met) completed = false;
      const at = result.metAt instanceof Date ? result.metAt.getTime() : NaN;
      if (at > latest) latest = at;
    }
    const completedAt = completed && latest > -Infinity ? new Date(latest) : null;
    byKey.set(stage.key, { title: stage.title, completed, completedAt });
    evaluated.push({ definition: stage, requirements, completedAt });
  }
  return evaluated;
}

function actionOf(requirement: EvaluatedRequirement): NextAction {
  const { definition, result } = requirement;
  return {
    text: sentenceOf(requirement),
    kind: definition.kind,
    target:
      result.nextTarget !== undefined ? result.nextTarget : NEXT_ACTION_TARGETS[definition.kind],
  };
}

function sentenceOf({ definition, result }: EvaluatedRequirement): string {
  if (result.nextStep) return result.nextStep;
  return result.need > 1
    ? `${definition.title} (${shownHave(result.have, result.need)} of ${result.need} so far)`
    : definition.title;
}

/** Stage status, current stage, designation, percentage and next steps, from evaluated stages. */
export function deriveProgress(evaluated: readonly EvaluatedStage[]): DerivedProgress {
  const completed = evaluated.map((stage) => stage.requirements.every((r) => r.result.met));
  const current = completed.indexOf(false);
  const firstOpen = current === -1 ? evaluated.length : current;

  const stages = evaluated.map((stage, index): StageProgress => {
    let status: StageStatus;
    if (completed[index]) status = 'completed';
    else if (index === firstOpen || stage.requirements.some((r) => r.result.met))
      status = 'in_progress';
    else status = 'locked';
    return {
      key: stage.definition.key,
      title: stage.definition.title,
      status,
      designation: stage.definition.designation ?? null,
      completedAt: stage.completedAt?.toISOString() ?? null,
      requirements: stage.requirements.map(({ definition, result }) => ({
        key: definition.key,
        title: definition.title,
        kind: definition.kind,
        met: result.met,
        // What is shown never exceeds the need ("2 of 2", not "3 of 2"); met keeps the truth.
        have: shownHave(result.have, result.need),
        need: result.need,
        detail: result.detail,
        metAt: result.met && result.metAt ? result.metAt.toISOString() : null,
      })),
    };
  });

  let designation: string | null = null;
  evaluated.forEach((stage, index) => {
    if (completed[index] && stage.definition.designation)
      designation = stage.definition.designation;
  });

  const all = evaluated.flatMap((stage) => stage.requirements);
  const met = all.filter((r) => r.result.met).length;
  const currentStage = current === -1 ? null : evaluated[current]!;
  const nextActions = currentStage
    ? currentStage.requirements.filter((r) => !r.result.met).map(actionOf)
    : [];

  return {
    currentStage: currentStage?.definition.key ?? null,
    designation,
    percentComplete: all.length ? Math.round((100 * met) / all.length) : 100,
    stages,
    nextSteps: nextActions.map((action) => action.text),
    nextActions,
  };
}
