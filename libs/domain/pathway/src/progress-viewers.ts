import { Injectable } from '@nestjs/common';

/** Says whether `viewerId` may see the progress of `traineeId` (for example: they are their mentor). */
export type ProgressViewerPredicate = (viewerId: string, traineeId: string) => Promise<boolean>;

/**
 * Who besides admins and the trainee may see a trainee's progress. Later contexts (practicum)
 * register a predicate in their module's onModuleInit; any predicate saying yes grants the view.
 */
@Injectable()
export class ProgressViewers {
  private readonly predicates: ProgressViewerPredicate[] = [];

  register(predicate: ProgressViewerPredicate): void {
    this.predicates.push(predicate);
  }

  /** Removes a predicate registered earlier (tests). */
  unregister(predicate: ProgressViewerPredicate): void {
    const index = this.predicates.indexOf(predicate);
    if (index !== -1) this.predicates.splice(index, 1);
  }

  async canView(viewerId: string, traineeId: string): Promise<boolean> {
    for (const predicate of this.predicates) {
      if (await predicate(viewerId, traineeId)) return true;
    }
    return false;
  }
}
