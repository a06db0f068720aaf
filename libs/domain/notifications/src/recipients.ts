import { Injectable } from '@nestjs/common';

/**
 * The people notifications go to, as a relation their statements join (`FROM ${relation} u`:
 * `id, email, display_name, roles, time_zone`). Identity owns them and imports notifications, so
 * notifications cannot import identity: identity provides the relation as its module starts.
 */
@Injectable()
export class Recipients {
  private source: string | null = null;

  provide(relation: string): void {
    this.source = relation;
  }

  get relation(): string {
    if (this.source === null) {
      throw new Error('no recipients: IdentityModule provides them to notifications');
    }
    return this.source;
  }
}
