import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
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

/** Parts of a multipart upload: memory held is at most PART_BYTES × QUEUE_SIZE per upload. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Blobs as objects of one S3-compatible bucket (AWS, MinIO, …), keys as the store generates them.
 * An upload streams through a meter (size limit and SHA-256) into a multipart upload; a refused
 * or failed one is aborted, so nothing is left, and the object only appears once it is complete.
 */
export class S3BlobStore extends BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    super();
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
    const key = `${options.prefix}/${randomUUID()}`;
    const hash = createHash('sha256');
    let size = 0;
    let refused: StorageError | undefined;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > options.maxBytes) {
          refused = new StorageError(
            StorageErrorCode.TooLarge,
            `The upload is larger than the ${options.maxBytes} bytes allowed`,
            { maxBytes: options.maxBytes },
          );
          callback(refused);
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: meter, ContentType: options.contentType },
      partSize: PART_BYTES,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    const readable = source instanceof Readable ? source : Readable.from(source);
    const stopped = new Error('the S3 upload stopped reading the stream');
    // Both sides must settle before put() answers: a refused or failed upload has then sent its
    // AbortMultipartUpload (lib-storage does it itself, leavePartsOnError false), so no parts stay
    // behind. Upload.abort() is not used: its done() rejects at once while the abort is still due.
    const [streamed, uploaded] = await Promise.allSettled([
      pipeline(readable, meter),
      upload.done().catch((error: unknown) => {
        // The upload stopped reading: end the stream, or the pipeline would wait on backpressure.
        meter.destroy(stopped);
        throw error;
      }),
    ]);
    if (refused) throw refused;
    if (streamed.status === 'rejected' && streamed.reason !== stopped) throw streamed.reason;
    if (uploaded.status === 'rejected') throw uploaded.reason;
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    this.checkKey(key);
    let header: string | undefined;
    if (range) {
      const found = await this.stat(key);
      if (!found) throw this.notFound(key);
      const end = range.end ?? found.size - 1;
      if (
        !Number.isSafeInteger(range.start) ||
        !Number.isSafeInteger(end) ||
        range.start < 0 ||
        range.start >= found.size ||
        end < range.start
      ) {
        throw new StorageError(
          StorageErrorCode.InvalidRange,
          `Bytes ${range.start}-${range.end ?? ''} are not within the ${found.size} bytes of the blob`,
          { size: found.size },
        );
      }
      header = `bytes=${range.start}-${Math.min(end, found.size - 1)}`;
    }
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: header }),
      );
      if (!(answer.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      // A server that ignored or bent the Range would hand other bytes than asked to the reader.
      if (range && !answer.ContentRange?.startsWith(`${header!.replace('=', ' ')}/`)) {
        answer.Body.destroy();
        throw new Error(
          `S3 answered ${header} with "${answer.ContentRange ?? 'the whole object'}"`,
        );
      }
      return answer.Body;
    } catch (error) {
      if (isMissing(error)) throw this.notFound(key);
      throw error;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    this.checkKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    if (!(await this.stat(key))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return true;
  }

  async *list(prefix: string, options: ListBlobsOptions = {}): AsyncIterable<BlobStat> {
    if (!isBlobPrefix(prefix)) {
      throw new StorageError(StorageErrorCode.InvalidKey, `"${prefix}" is not a blob prefix`);
    }
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: `${prefix}/`,
          ContinuationToken: token,
          MaxKeys: 1000,
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        // Keys of a longer prefix (`evidence/x/…`) share the listing prefix: not this one's blobs.
        if (!key || !isBlobKey(key) || key.lastIndexOf('/') !== prefix.length) continue;
        const modifiedAt = object.LastModified ?? new Date(0);
        if (options.olderThan && modifiedAt >= options.olderThan) continue;
        yield { key, size: object.Size ?? 0, modifiedAt };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private checkKey(key: string): void {
    if (!isBlobKey(key)) {
      throw new StorageError(StorageErrorCode.InvalidKey, `"${key}" is not a blob key`);
    }
  }

  private notFound(key: string): StorageError {
    return new StorageError(StorageErrorCode.NotFound, `No blob under "${key}"`);
  }
}
