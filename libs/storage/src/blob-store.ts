import type { Readable } from 'node:stream';

/** What the store kept: its key, its length and its SHA-256 (hex), all measured while streaming. */
export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

export interface PutBlobOptions {
  /** The key's first segment(s), naming what the blob is: `evidence`, `recordings`. */
  prefix: string;
  /** Past this many bytes the upload is aborted, nothing is kept, and `too_large` is thrown. */
  maxBytes: number;
  /** Stored as metadata where the backend keeps it (S3); never trusted for decisions. */
  contentType?: string;
}

/** Inclusive byte offsets, as in an HTTP Range header; `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface BlobStat {
  key: string;
  size: number;
  modifiedAt: Date;
}

export type BlobSource = Readable | AsyncIterable<Uint8Array>;

export interface ListBlobsOptions {
  /** Only blobs last written strictly before this time (an orphan sweep's grace period). */
  olderThan?: Date;
}

/**
 * Where uploaded files live: the local disk by default, an S3-compatible bucket later. The store
 * generates every key; writes are all-or-nothing (a failed or refused upload leaves nothing).
 * Used as the injection token, so callers never know the backend.
 */
export abstract class BlobStore {
  /** Streams `source` under a new key; throws a StorageError `too_large` past `maxBytes`. */
  abstract put(source: BlobSource, options: PutBlobOptions): Promise<StoredBlob>;

  /** A stream of the blob, or of `range` of it; throws `not_found` or `invalid_range`. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;

  /** The blob's size and time, or null when there is none under the key. */
  abstract stat(key: string): Promise<BlobStat | null>;

  /** Removes the blob; false when there was none (deleting twice is fine). */
  abstract delete(key: string): Promise<boolean>;

  /**
   * The blobs stored directly under `prefix` (keys `<prefix>/<uuid>`, not those of a longer
   * prefix), streamed page by page in no particular order; throws `invalid_key` for a bad prefix.
   */
  abstract list(prefix: string, options?: ListBlobsOptions): AsyncIterable<BlobStat>;
}

const PREFIX = /^[a-z0-9][a-z0-9-]{0,62}(\/[a-z0-9][a-z0-9-]{0,62}){0,3}$/;
const KEY =
  /^[a-z0-9][a-z0-9-]{0,62}(\/[a-z0-9][a-z0-9-]{0,62}){0,3}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isBlobPrefix = (prefix: string) => PREFIX.test(prefix);

/** Keys are `<prefix>/<uuid>`: nothing a client could turn into a path outside the store. */
export const isBlobKey = (key: string) => KEY.test(key);
