import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import type { Actor } from '@msc/kernel';
import { BlobStore, SNIFF_BYTES, StorageError, StorageErrorCode } from '@msc/storage';
import {
  UPLOAD_CHUNK_MAX_BYTES,
  UPLOAD_COMPLETION_CLAIM_MS,
  UPLOAD_EXPIRY_HOURS,
} from './practicum.config.js';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import { recordingTypeOf } from './recording-media.js';
import {
  type RecordingUploadRow,
  RecordingUploadsRepository,
  type UploadPartRow,
} from './recording-uploads.repository.js';
import {
  type RecordingFields,
  RecordingSubmissionService,
} from './recording-submission.service.js';

export interface RecordingUploadView {
  uploadId: string;
  practicumId: string;
  cohortId: string;
  sessionNumber: number;
  /** The file's declared size in bytes. */
  size: number;
  /** Bytes received so far: where the next chunk starts. */
  offset: number;
  /** All bytes received and the recording created. */
  complete: boolean;
  recordingId: string | null;
  filename: string | null;
  expiresAt: string;
  chunkMaxBytes: number;
  createdAt: string;
}

export interface CreateUploadInput extends RecordingFields {
  size: number;
  contentType?: string;
  filename?: string;
}

const PARTS_PREFIX = 'recording-uploads';

const toView = (row: RecordingUploadRow): RecordingUploadView => ({
  uploadId: row.id,
  practicumId: row.practicum_id,
  cohortId: row.cohort_id,
  sessionNumber: row.session_number,
  size: Number(row.size_bytes),
  offset: Number(row.received_bytes),
  complete: row.recording_id !== null,
  recordingId: row.recording_id,
  filename: row.filename,
  expiresAt: row.expires_at.toISOString(),
  chunkMaxBytes: UPLOAD_CHUNK_MAX_BYTES,
  createdAt: row.created_at.toISOString(),
});

/**
 * Resumable, abortable recording uploads: chunks arrive at offsets, each stored as a part blob
 * (on any blob store backend); once every byte is there the parts are streamed, in order, into
 * the recording exactly as a single-shot upload (type sniffed from the bytes, size limit, probe
 * job, reviewer assignment), and removed.
 */
@Injectable()
export class RecordingUploadsService {
  private readonly logger = new Logger(RecordingUploadsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly uploads: RecordingUploadsRepository,
    private readonly recordings: RecordingSubmissionService,
    private readonly store: BlobStore,
  ) {}

  async create(
    actor: Actor,
    practicumId: string,
    input: CreateUploadInput,
    now = new Date(),
  ): Promise<RecordingUploadView> {
    await this.purgeExpired(now);
    await this.recordings.checkCanUpload(actor, practicumId);
    if (input.size > this.config.RECORDING_MAX_BYTES) {
      throw new PracticumError(
        PracticumErrorCode.UploadTooLarge,
        `A recording may be at most ${this.config.RECORDING_MAX_BYTES} bytes`,
        { maxBytes: this.config.RECORDING_MAX_BYTES },
      );
    }
    if (input.contentType && !/^(audio|video)\//i.test(input.contentType)) {
      throw new PracticumError(
        PracticumErrorCode.UnsupportedMediaType,
        'A teaching recording is audio or video',
      );
    }
    const fields = { cohortId: input.cohortId, sessionNumber: input.sessionNumber };
    await this.recordings.checkFields(actor, fields);
    const row = await this.uploads.insert({
      practicumId,
      traineeId: actor.id,
      ...fields,
      size: input.size,
      declaredType: input.contentType ?? null,
      filename: input.filename?.slice(0, 255) || null,
      expiresAt: this.expiry(now),
    });
    return toView(row);
  }

  async get(actor: Actor, id: string): Promise<RecordingUploadView> {
    return toView(await this.owned(actor, id));
  }

  /**
   * Appends the chunk `body` at `offset` (which must be where the upload stands); completes the
   * upload when it brings the last byte. A chunk of no bytes at the end retries a completion.
   */
  async append(
    actor: Actor,
    id: string,
    offset: number,
    body: Readable,
    now = new Date(),
  ): Promise<RecordingUploadView> {
    let row = await this.owned(actor, id);
    if (row.recording_id) {
      throw new PracticumError(
        PracticumErrorCode.UploadAlreadyComplete,
        'The upload is complete; its recording exists',
        { offset: Number(row.received_bytes), recordingId: row.recording_id },
      );
    }
    const size = Number(row.size_bytes);
    const received = Number(row.received_bytes);
    if (offset !== received) throw this.offsetMismatch(received);
    if (received < size) {
      const room = Math.min(size - received, UPLOAD_CHUNK_MAX_BYTES);
      const stored = await this.store
        .put(body, { prefix: PARTS_PREFIX, maxBytes: room })
        .catch((error: unknown) => {
          if (error instanceof StorageError && error.code === StorageErrorCode.TooLarge) {
            throw new PracticumError(
              PracticumErrorCode.UploadTooLarge,
              `This chunk may carry at most ${room} bytes (the upload has ${size - received} left; a chunk at most ${UPLOAD_CHUNK_MAX_BYTES})`,
              { maxBytes: room },
            );
          }
          throw error;
        });
      if (stored.size === 0) {
        await this.deleteBlobs([stored.key]);
      } else {
        if (received === 0) await this.refuseUnlessMedia(row, stored);
        const appended = await this.tx
          .transaction(() =>
            this.uploads.appendPart({
              id,
              expected: received,
              size: stored.size,
              key: stored.key,
              expiresAt: this.expiry(now),
            }),
          )
          .catch(async (error: unknown) => {
            await this.deleteBlobs([stored.key]);
            throw error;
          });
        if (!appended) {
          await this.deleteBlobs([stored.key]);
          const current = await this.uploads.findById(id);
          throw this.offsetMismatch(Number(current?.received_bytes ?? received));
        }
        row = appended;
      }
    } else {
      body.resume();
    }
    if (Number(row.received_bytes) < size) return toView(row);
    return this.complete(actor, row, now);
  }

  /** Aborts an upload: its parts and their blobs are removed. */
  async abort(actor: Actor, id: string, now = new Date()): Promise<void> {
    const row = await this.owned(actor, id);
    if (row.recording_id) {
      throw new PracticumError(
        PracticumErrorCode.UploadAlreadyComplete,
        'The upload is complete; its recording exists',
        { recordingId: row.recording_id },
      );
    }
    if (
      row.completing_at &&
      row.completing_at.getTime() > now.getTime() - UPLOAD_COMPLETION_CLAIM_MS
    ) {
      throw new PracticumError(
        PracticumErrorCode.UploadCompleting,
        'The upload is being turned into its recording',
      );
    }
    await this.deleteBlobs(await this.tx.transaction(() => this.uploads.delete(id)));
  }

  private async complete(
    actor: Actor,
    row: RecordingUploadRow,
    now: Date,
  ): Promise<RecordingUploadView> {
    const staleBefore = new Date(now.getTime() - UPLOAD_COMPLETION_CLAIM_MS);
    if (!(await this.uploads.claimCompletion(row.id, staleBefore))) {
      const current = await this.uploads.findById(row.id);
      if (current?.recording_id) return toView(current);
      throw new PracticumError(
        PracticumErrorCode.UploadCompleting,
        'The upload is being turned into its recording',
      );
    }
    try {
      const parts = await this.uploads.parts(row.id);
      const stored = await this.recordings
        .storeFile(Readable.from(this.concatenate(parts)), row.filename)
        .catch(async (error: unknown) => {
          // Not audio or video after all: the upload is refused as a whole and nothing is kept.
          if (
            error instanceof PracticumError &&
            error.code === PracticumErrorCode.UnsupportedMediaType
          ) {
            await this.deleteBlobs(await this.tx.transaction(() => this.uploads.delete(row.id)));
          }
          throw error;
        });
      const recording = await this.recordings.register(
        actor,
        row.practicum_id,
        { cohortId: row.cohort_id, sessionNumber: row.session_number },
        stored,
      );
      const keys = await this.tx.transaction(() =>
        this.uploads.markCompleted(row.id, recording.id),
      );
      await this.deleteBlobs(keys);
      return toView((await this.uploads.findById(row.id))!);
    } catch (error) {
      await this.uploads.releaseCompletion(row.id).catch(() => undefined);
      throw error;
    }
  }

  /** The parts' bytes, in order; refuses a gap (which the offsets never leave). */
  private async *concatenate(parts: UploadPartRow[]): AsyncGenerator<Buffer> {
    let expected = 0;
    for (const part of parts) {
      if (Number(part.start_offset) !== expected) {
        throw new Error(`upload part at ${part.start_offset} where ${expected} was expected`);
      }
      for await (const chunk of await this.store.get(part.storage_key)) yield chunk as Buffer;
      expected += Number(part.size_bytes);
    }
  }

  /** On the first chunk, once it holds the bytes a type is told by: refuse what is not media. */
  private async refuseUnlessMedia(
    row: RecordingUploadRow,
    stored: { key: string; size: number },
  ): Promise<void> {
    const needed = Math.min(SNIFF_BYTES, Number(row.size_bytes));
    if (stored.size < needed) return;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.get(stored.key, { start: 0, end: needed - 1 })) {
      chunks.push(chunk as Buffer);
    }
    if (await recordingTypeOf(Buffer.concat(chunks))) return;
    await this.deleteBlobs([stored.key]);
    await this.deleteBlobs(await this.tx.transaction(() => this.uploads.delete(row.id)));
    throw new PracticumError(
      PracticumErrorCode.UnsupportedMediaType,
      'The file is not audio or video in a supported format (MP4, MOV, M4A, WebM, MP3, WAV, Ogg)',
    );
  }

  private async owned(actor: Actor, id: string): Promise<RecordingUploadRow> {
    const row = await this.uploads.findById(id);
    if (!row || row.trainee_id !== actor.id) {
      throw new PracticumError(PracticumErrorCode.UploadNotFound, 'No such upload');
    }
    return row;
  }

  private offsetMismatch(offset: number): PracticumError {
    return new PracticumError(
      PracticumErrorCode.UploadOffsetMismatch,
      `The upload stands at byte ${offset}; send the chunk that starts there`,
      { offset },
    );
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + UPLOAD_EXPIRY_HOURS * 3600_000);
  }

  private async purgeExpired(now: Date): Promise<void> {
    const keys = await this.tx.transaction(() => this.uploads.purgeExpired(now));
    await this.deleteBlobs(keys);
  }

  private async deleteBlobs(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.store.delete(key).catch((error: unknown) => {
        this.logger.warn({ err: error, key }, 'could not remove an upload part');
      });
    }
  }
}
