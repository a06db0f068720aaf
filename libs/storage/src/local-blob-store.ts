import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobStore,
  type BlobSource,
  type BlobStat,
  type ByteRange,
  isBlobKey,
  isBlobPrefix,
  type ListBlobsOptions,
  type PutBlobOptions,
  type StoredBlob,
} from './blob-store.js';
import { StorageError, StorageErrorCode } from './storage.errors.js';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';
const SHARD = /^[0-9a-f]{2}$/;

/**
 * Blobs as files under one root directory (`${DATA_DIR}/blobs`). An upload streams into a temp
 * file beside the blobs (same filesystem), is measured and hashed on the way, fsynced, then renamed
 * into place: a reader never sees half a blob, and a refused or failed upload leaves no file.
 */
export class LocalBlobStore extends BlobStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    super();
    this.tmpDir = join(root, '.tmp');
  }

  async put(source: BlobSource, options: PutBlobOptions): Promise<StoredBlob> {
    if (!isBlobPrefix(options.prefix)) {
      throw new StorageError(
        StorageErrorCode.InvalidKey,
        `"${options.prefix}" is not a blob prefix`,
      );
    }
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 0) {
      throw new RangeError('maxBytes must be a non-negative integer');
    }
    const id = randomUUID();
    const key = `${options.prefix}/${id}`;
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${id}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > options.maxBytes) {
          callback(
            new StorageError(
              StorageErrorCode.TooLarge,
              `The upload is larger than the ${options.maxBytes} bytes allowed`,
              { maxBytes: options.maxBytes },
            ),
          );
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const file = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o640);
    try {
      // flush: the stream fsyncs the file before it closes it, so the rename publishes durable bytes.
      await pipeline(source, meter, file.createWriteStream({ flush: true }));
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw error;
    }
    const target = this.pathOf(key);
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
      await this.syncDirectory(dirname(target));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    let file;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) throw this.notFound(key);
      throw error;
    }
    if (!range) return file.createReadStream();
    try {
      const { size } = await file.stat();
      const end = range.end ?? size - 1;
      if (
        !Number.isSafeInteger(range.start) ||
        !Number.isSafeInteger(end) ||
        range.start < 0 ||
        range.start >= size ||
        end < range.start
      ) {
        throw new StorageError(
          StorageErrorCode.InvalidRange,
          `Bytes ${range.start}-${range.end ?? ''} are not within the ${size} bytes of the blob`,
          { size },
        );
      }
      return file.createReadStream({ start: range.start, end: Math.min(end, size - 1) });
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const found = await stat(this.pathOf(key));
      return { key, size: found.size, modifiedAt: found.mtime };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      await stat(path);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    await rm(path, { force: true });
    return true;
  }

  async *list(prefix: string, options: ListBlobsOptions = {}): AsyncIterable<BlobStat> {
    if (!isBlobPrefix(prefix)) {
      throw new StorageError(StorageErrorCode.InvalidKey, `"${prefix}" is not a blob prefix`);
    }
    const directory = join(this.root, prefix);
    const shards = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    for (const shard of shards) {
      // Other directories here are longer prefixes (`evidence/x/…`): not this prefix's blobs.
      if (!shard.isDirectory() || !SHARD.test(shard.name)) continue;
      const names = await readdir(join(directory, shard.name)).catch((error: unknown) => {
        if (isMissing(error)) return [];
        throw error;
      });
      for (const name of names) {
        const key = `${prefix}/${name}`;
        if (!isBlobKey(key) || !name.startsWith(shard.name)) continue;
        // A blob deleted between the listing and its stat is simply not there any more.
        const found = await this.stat(key);
        if (found && (!options.olderThan || found.modifiedAt < options.olderThan)) yield found;
      }
    }
  }

  /** `<prefix>/<uuid>` lives at `<root>/<prefix>/<first two hex digits>/<uuid>`. */
  private pathOf(key: string): string {
    if (!isBlobKey(key)) {
      throw new StorageError(StorageErrorCode.InvalidKey, `"${key}" is not a blob key`);
    }
    const slash = key.lastIndexOf('/');
    const id = key.slice(slash + 1);
    return join(this.root, key.slice(0, slash), id.slice(0, 2), id);
  }

  private notFound(key: string): StorageError {
    return new StorageError(StorageErrorCode.NotFound, `No blob under "${key}"`);
  }

  /** Makes the rename itself durable (the directory entry), where the platform allows it. */
  private async syncDirectory(path: string): Promise<void> {
    const directory = await open(path, 'r');
    try {
      await directory.sync();
    } catch {
      // Some filesystems refuse fsync on a directory; the data itself is already synced.
    } finally {
      await directory.close();
    }
  }
}
