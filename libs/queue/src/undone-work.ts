import { Injectable } from '@nestjs/common';
import type { JobItem } from './job-items.js';

/** A context's search for its own work whose job was lost, with the jobs that would do it. */
export interface UndoneWorkFinder {
  /** Its count's name in the reconciler's outcome (`completions`, `ceCredits`, …). */
  readonly kind: string;
  /** Jobs for at most `limit` items left undone since before `settledBefore`, in a stable order. */
  find(settledBefore: Date, limit: number): Promise<JobItem[]>;
}

/**
 * The finders of undone background work, registered by the contexts that own the work (in their
 * module's onModuleInit) and run by the reconciler, which thus names none of their tables.
 */
@Injectable()
export class UndoneWork {
  private readonly finders = new Map<string, UndoneWorkFinder>();

  register(finder: UndoneWorkFinder): void {
    const registered = this.finders.get(finder.kind);
    if (registered === finder) return;
    if (registered) {
      throw new Error(`undone work '${finder.kind}' already has a finder`);
    }
    this.finders.set(finder.kind, finder);
  }

  all(): UndoneWorkFinder[] {
    return [...this.finders.values()];
  }
}
