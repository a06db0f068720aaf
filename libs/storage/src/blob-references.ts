import { Injectable } from '@nestjs/common';

/** A context's claim on the blobs it stores under one prefix: which keys its rows still name. */
export interface BlobReferenceOwner {
  /** The prefix its blobs are stored under (`BlobStore.put({ prefix })`). */
  readonly prefix: string;
  /** Those of `keys` (all under `prefix`) that none of the owner's rows references. */
  unreferenced(keys: string[]): Promise<string[]>;
}

/**
 * Where each blob prefix is referenced from, filled by the contexts that store blobs (in their
 * module's onModuleInit) and read by the orphan sweep. A prefix nobody registered is never swept:
 * a new kind of blob is kept until its owner says which rows name it.
 */
@Injectable()
export class BlobReferences {
  private readonly owners = new Map<string, BlobReferenceOwner>();

  register(owner: BlobReferenceOwner): void {
    if (this.owners.has(owner.prefix)) {
      throw new Error(`blob prefix '${owner.prefix}' already has an owner`);
    }
    this.owners.set(owner.prefix, owner);
  }

  all(): BlobReferenceOwner[] {
    return [...this.owners.values()];
  }
}
