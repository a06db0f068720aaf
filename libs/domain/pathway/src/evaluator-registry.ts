import { Injectable } from '@nestjs/common';
import type { RequirementEvaluator, RequirementKind } from './requirement.js';

/**
 * Where each context registers the evaluators of its own requirement kinds (in its module's
 * onModuleInit). The engine only knows kinds, never the contexts that judge them.
 */
@Injectable()
export class EvaluatorRegistry {
  private readonly evaluators = new Map<RequirementKind, RequirementEvaluator>();
  private changes = 0;

  /** Changes with every registration and override: what the engine's cached statements follow. */
  get generation(): number {
    return this.changes;
  }

  register<Evidence extends object>(evaluator: RequirementEvaluator<Evidence>): void {
    if (this.evaluators.has(evaluator.kind)) {
      throw new Error(`an evaluator for "${evaluator.kind}" is already registered`);
    }
    this.evaluators.set(evaluator.kind, erased(evaluator));
    this.changes += 1;
  }

  get(kind: RequirementKind): RequirementEvaluator | undefined {
    return this.evaluators.get(kind);
  }

  /**
   * Puts `evaluator` in place of whatever judges its kind and returns a function that puts the
   * previous one back: for tests that need a deterministic evaluator whoever registered the real one.
   */
  override<Evidence extends object>(evaluator: RequirementEvaluator<Evidence>): () => void {
    const previous = this.evaluators.get(evaluator.kind);
    this.evaluators.set(evaluator.kind, erased(evaluator));
    this.changes += 1;
    return () => {
      if (previous) this.evaluators.set(evaluator.kind, previous);
      else this.evaluators.delete(evaluator.kind);
      this.changes += 1;
    };
  }

  kinds(): RequirementKind[] {
    return [...this.evaluators.keys()];
  }
}

/**
 * An evaluator as the engine holds it: its evidence by part name. The engine gives `judge` exactly
 * the parts `evidence` named, so the evaluator's own Evidence type holds at run time.
 */
function erased<Evidence extends object>(evaluator: RequirementEvaluator<Evidence>) {
  return evaluator as unknown as RequirementEvaluator;
}
