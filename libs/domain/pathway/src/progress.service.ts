import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { type Actor, isAdmin } from '@msc/kernel';
import { EvaluatorRegistry } from './evaluator-registry.js';
import { PathwayError, PathwayErrorCode } from './pathway.errors.js';
import { PathwayVersionsRepository, type PinnedVersionRow } from './pathway-versions.repository.js';
import {
  type DerivedProgress,
  type EvaluatedStage,
  deriveProgress,
  evaluateStages,
  type ReadEvidence,
} from './progress-engine.js';
import { ProgressViewers } from './progress-viewers.js';
import type { RequirementDefinition, RequirementKind, StageDefinition } from './requirement.js';
import { shownHave } from './sentences.js';

/** Thrown out of an evaluation read with the pin when the trainee is pinned to another version. */
const GUESSED_WRONG = Symbol('pinned to another version');

/** The pathway every new trainee starts on (its latest published version). */
export const DEFAULT_PATHWAY_KEY = 'msc-teacher';

export interface ProgressView extends DerivedProgress {
  traineeId: string;
  pathway: { key: string; version: number; title: string; startedAt: string };
  evaluatedAt: string;
}

export interface UnmetRequirement {
  key: string;
  title: string;
  have: number;
  need: number;
  detail: string;
}

/**
 * Which part of a trainee's pathway a step (an application, a designation, an enrollment) needs
 * met first, found by what the pinned version holds rather than by stage keys, so that a version
 * that renames or reorders its stages keeps working:
 * - `{ throughDesignation }`: every stage up to and including the one leading to that designation;
 * - `{ before, describe }`: everything the pathway lists before the first requirement `before`
 *   matches (the stages before its stage, and the requirements before it in its stage);
 * - a stage key: every stage up to and including it (for tools and tests).
 */
export type PathwayStep =
  | string
  | { throughDesignation: string }
  | { before: (requirement: RequirementDefinition) => boolean; describe: string };

/** Stages to evaluate, and the requirements of the last one that count. */
function locate(
  stages: readonly StageDefinition[],
  step: PathwayStep,
): { stages: number; lastStageRequirements: number } | null {
  if (typeof step === 'string' || 'throughDesignation' in step) {
    const index = stages.findIndex((stage) =>
      typeof step === 'string' ? stage.key === step : stage.designation === step.throughDesignation,
    );
    return index === -1
      ? null
      : { stages: index + 1, lastStageRequirements: stages[index]!.requirements.length };
  }
  for (const [index, stage] of stages.entries()) {
    const at = stage.requirements.findIndex(step.before);
    if (at !== -1) return { stages: index + 1, lastStageRequirements: at };
  }
  return null;
}

function describeStep(step: PathwayStep): string {
  if (typeof step === 'string') return `stage "${step}"`;
  if ('throughDesignation' in step) return `stage leading to "${step.throughDesignation}"`;
  return step.describe;
}

/**
 * A trainee's progress, derived on each call from the evidence the other contexts hold: the
 * trainee is pinned to a version on first use (one statement), then the evidence of every
 * requirement is read in one statement composed of every evaluator's part (one snapshot: the
 * evidence of every requirement is from the same moment) and judged.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly versions: PathwayVersionsRepository,
    private readonly registry: EvaluatorRegistry,
    private readonly viewers: ProgressViewers,
  ) {}

  /**
   * The version each trainee was seen pinned to: a pin never changes, so the next evaluation can
   * read its evidence in the pin's own statement. Bounded (cleared when full); `lastVersion` is
   * the guess for a trainee not seen yet, as most are pinned to the same latest version.
   */
  private readonly versionOf = new Map<string, string>();
  private lastVersion: string | undefined;

  /** The progress of a trainee, for themselves (the route admits trainees only). */
  async progressOf(traineeId: string, now = new Date()): Promise<ProgressView> {
    const guessed = await this.evaluateWithPin(traineeId, now);
    if (guessed) return this.view(traineeId, guessed.pinned, guessed.evaluated, now);
    const pinned = await this.pinnedVersion(traineeId);
    const evaluated = await evaluateStages(
      this.registry,
      pinned.stages,
      { traineeId, now },
      this.readEvidence,
    );
    return this.view(traineeId, pinned, evaluated, now);
  }

  /**
   * The evaluation in one statement with the pin, for the version the trainee is taken to be
   * pinned to; null when they are pinned to another (or not at all, or the version is not known
   * here yet): then the pin and the evidence go apart, as the evidence's statement depends on the
   * version's stages.
   */
  private async evaluateWithPin(
    traineeId: string,
    now: Date,
  ): Promise<{ pinned: PinnedVersionRow; evaluated: EvaluatedStage[] } | null> {
    const versionId = this.versionOf.get(traineeId) ?? this.lastVersion;
    const stages = versionId === undefined ? undefined : this.versions.knownStages(versionId);
    if (!stages) return null;
    let pinned: PinnedVersionRow | undefined;
    const evaluated = await evaluateStages(
      this.registry,
      stages,
      { traineeId, now },
      async (sql, params) => {
        const both = await this.versions.pinWith(traineeId, DEFAULT_PATHWAY_KEY, sql, params);
        if (!both || both.pinned.id !== versionId) throw GUESSED_WRONG;
        pinned = both.pinned;
        return both.row;
      },
    ).catch((error: unknown) => {
      if (error === GUESSED_WRONG) return null;
      throw error;
    });
    if (!evaluated || !pinned) return null;
    this.remember(traineeId, pinned.id);
    return { pinned, evaluated };
  }

  private remember(traineeId: string, versionId: string): void {
    if (this.versionOf.get(traineeId) !== versionId) {
      if (this.versionOf.size >= 10_000) this.versionOf.clear();
      this.versionOf.set(traineeId, versionId);
    }
    this.lastVersion = versionId;
  }

  private view(
    traineeId: string,
    pinned: PinnedVersionRow,
    evaluated: EvaluatedStage[],
    now: Date,
  ): ProgressView {
    return {
      traineeId,
      pathway: {
        key: pinned.key,
        version: pinned.version,
        title: pinned.title,
        startedAt: pinned.started_at.toISOString(),
      },
      ...deriveProgress(evaluated),
      evaluatedAt: now.toISOString(),
    };
  }

  /** The progress of a trainee as `viewer` may see it: admins, the trainee, registered viewers. */
  async progressFor(viewer: Actor, traineeId: string, now = new Date()): Promise<ProgressView> {
    const allowed =
      isAdmin(viewer) ||
      viewer.id === traineeId ||
      (await this.viewers.canView(viewer.id, traineeId));
    // Refused before looking the trainee up, so that the answer does not tell who exists.
    if (!allowed) {
      throw new PathwayError(
        PathwayErrorCode.ProgressNotVisible,
        "You may not see this trainee's progress",
      );
    }
    return this.progressOf(traineeId, now);
  }

  /**
   * The unmet requirements a step needs met first (see PathwayStep), for the steps that need them
   * (a teacher-training application, a certification request, enrolling in a later stage's
   * course). Requirements of `excludeKinds` are still evaluated (a later `time_since` may depend on
   * them) but not listed. When the trainee's version has no such step: `whenAbsent: 'nothing'`
   * answers no unmet requirement, else PathwayError stage_not_found.
   */
  async unmetFor(
    traineeId: string,
    step: PathwayStep,
    options: {
      excludeKinds?: RequirementKind[];
      now?: Date;
      whenAbsent?: 'refuse' | 'nothing';
    } = {},
  ): Promise<UnmetRequirement[]> {
    const pinned = await this.pinnedVersion(traineeId);
    const found = locate(pinned.stages, step);
    if (!found) {
      if (options.whenAbsent === 'nothing') return [];
      throw new PathwayError(
        PathwayErrorCode.StageNotFound,
        `The pathway ${pinned.key} v${pinned.version} has no ${describeStep(step)}`,
      );
    }
    const excluded = new Set<string>(options.excludeKinds ?? []);
    const evaluated = await evaluateStages(
      this.registry,
      pinned.stages.slice(0, found.stages),
      { traineeId, now: options.now ?? new Date(), pathway: pinned.stages },
      this.readEvidence,
    );
    return evaluated
      .flatMap((stage, index) =>
        index === found.stages - 1
          ? stage.requirements.slice(0, found.lastStageRequirements)
          : stage.requirements,
      )
      .filter(({ definition, result }) => !result.met && !excluded.has(definition.kind))
      .map(({ definition, result }) => ({
        key: definition.key,
        title: definition.title,
        have: shownHave(result.have, result.need),
        need: result.need,
        detail: result.detail,
      }));
  }

  /**
   * The one statement of an evaluation, prepared: its text changes only with the shape of the
   * pinned version, so PostgreSQL parses and plans it once per connection. One statement reads
   * one snapshot; inside a caller's transaction it reads what that transaction sees.
   */
  private readonly readEvidence: ReadEvidence = async (sql, params) => {
    const [row] = await this.tx.query<Record<string, unknown>>(sql, params, { prepare: true });
    return row!;
  };

  private async pinnedVersion(traineeId: string): Promise<PinnedVersionRow> {
    const pinned =
      (await this.versions.pin(traineeId, DEFAULT_PATHWAY_KEY)) ??
      // A concurrent first pin may have won the race: its row is visible to a new statement.
      (await this.versions.pin(traineeId, DEFAULT_PATHWAY_KEY));
    if (pinned) {
      this.remember(traineeId, pinned.id);
      return pinned;
    }
    const blockers = await this.versions.pinBlockers(traineeId, DEFAULT_PATHWAY_KEY);
    if (!blockers.trainee) {
      throw new PathwayError(PathwayErrorCode.TraineeNotFound, 'No trainee has this id');
    }
    throw new PathwayError(
      PathwayErrorCode.NoPublishedVersion,
      `No version of the pathway "${DEFAULT_PATHWAY_KEY}" is published`,
    );
  }
}
