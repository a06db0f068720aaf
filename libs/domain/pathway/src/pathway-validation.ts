import type { EvaluatorRegistry } from './evaluator-registry.js';
import {
  type RequirementDefinition,
  RequirementKind,
  type StageDefinition,
} from './requirement.js';

export interface PathwayProblem {
  field: string;
  message: string;
}

export const STAGE_KEY = /^[a-z][a-z0-9_]*$/;
export const REQUIREMENT_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
export const DESIGNATION = /^[a-z][a-z0-9_]*$/;

const KINDS = new Set<string>(Object.values(RequirementKind));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with the stages of a version about to be published (empty when nothing): unique
 * keys, known kinds, `time_since` pointing at an earlier stage, and each evaluator's own params check.
 */
export function validateStages(
  stages: readonly StageDefinition[],
  registry?: EvaluatorRegistry,
): PathwayProblem[] {
  const problems: PathwayProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!Array.isArray(stages) || stages.length === 0) {
    problem('stages', 'a pathway needs at least one stage');
    return problems;
  }
  const stageKeys = new Set<string>();
  const requirementKeys = new Set<string>();
  const designations = new Set<string>();
  stages.forEach((stage, s) => {
    const at = `stages[${s}]`;
    if (!STAGE_KEY.test(stage.key ?? '')) {
      problem(`${at}.key`, 'a stage key is lower-case letters, digits and underscores');
    } else if (stageKeys.has(stage.key)) {
      problem(`${at}.key`, `the stage key "${stage.key}" is used twice`);
    }
    if (typeof stage.title !== 'string' || !stage.title.trim()) {
      problem(`${at}.title`, 'a stage needs a title');
    }
    if (stage.designation !== undefined && stage.designation !== null) {
      if (!DESIGNATION.test(stage.designation)) {
        problem(`${at}.designation`, 'a designation is lower-case letters, digits and underscores');
      } else if (designations.has(stage.designation)) {
        problem(`${at}.designation`, `the designation "${stage.designation}" is used twice`);
      }
      designations.add(stage.designation);
    }
    const requirements: readonly RequirementDefinition[] = Array.isArray(stage.requirements)
      ? stage.requirements
      : [];
    if (requirements.length === 0) {
      problem(`${at}.requirements`, 'a stage needs at least one requirement');
    }
    requirements.forEach((requirement, r) => {
      const field = `${at}.requirements[${r}]`;
      if (!REQUIREMENT_KEY.test(requirement.key ?? '')) {
        problem(`${field}.key`, 'a requirement key looks like "stage_key.name"');
      } else if (requirementKeys.has(requirement.key)) {
        problem(`${field}.key`, `the requirement key "${requirement.key}" is used twice`);
      }
      requirementKeys.add(requirement.key);
      if (typeof requirement.title !== 'string' || !requirement.title.trim()) {
        problem(`${field}.title`, 'a requirement needs a title');
      }
      if (!isObject(requirement.params)) {
        problem(`${field}.params`, 'params must be an object');
        return;
      }
      if (!KINDS.has(requirement.kind)) {
        problem(`${field}.kind`, `unknown requirement kind "${String(requirement.kind)}"`);
        return;
      }
      if (requirement.kind === RequirementKind.TimeSince) {
        const { sinceStage, months } = requirement.params;
        if (typeof sinceStage !== 'string' || !stageKeys.has(sinceStage)) {
          problem(`${field}.params.sinceStage`, 'sinceStage must be the key of an earlier stage');
        }
        if (!Number.isInteger(months) || (months as number) < 1 || (months as number) > 120) {
          problem(`${field}.params.months`, 'months must be a whole number from 1 to 120');
        }
        return;
      }
      const evaluator = registry?.get(requirement.kind);
      for (const message of evaluator?.validateParams?.(requirement.params) ?? []) {
        problem(`${field}.params`, message);
      }
    });
    if (STAGE_KEY.test(stage.key ?? '')) stageKeys.add(stage.key);
  });
  return problems;
}
