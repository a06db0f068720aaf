import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@msc/kernel';
import { BlobStore, type ByteRange } from '@msc/storage';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import { visibleRecording } from './recording-access.js';
import { RecordingsRepository } from './recordings.repository.js';

export interface RecordingContent {
  key: string;
  size: number;
  mediaType: string;
  sha256: string;
}

/** A recording's media: who may have it, and its bytes (whole or a range). */
@Injectable()
export class RecordingContentService {
  constructor(
    private readonly recordings: RecordingsRepository,
    private readonly store: BlobStore,
  ) {}

  async content(actor: Actor, id: string): Promise<RecordingContent> {
    const row = await visibleRecording(this.recordings, actor, id);
    return {
      key: row.storage_key,
      size: Number(row.size_bytes),
      mediaType: row.media_type,
      sha256: row.sha256,
    };
  }

  /** The media of a recording by id alone, for a signed link (the link is the permission). */
  async contentById(id: string): Promise<RecordingContent> {
    const row = await this.recordings.findById(id);
    if (!row) throw new PracticumError(PracticumErrorCode.RecordingNotFound, 'No such recording');
    return {
      key: row.storage_key,
      size: Number(row.size_bytes),
      mediaType: row.media_type,
      sha256: row.sha256,
    };
  }

  read(content: RecordingContent, range?: ByteRange): Promise<Readable> {
    return this.store.get(content.key, range);
  }
}
