import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, isAdmin } from '@msc/kernel';
import { JobName } from '@msc/queue';
import { BlobStore } from '@msc/storage';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import { PracticumStatus } from './practicum.entity.js';
import { PracticumsRepository } from './practicums.repository.js';
import { recordingTypeOf, splitHead } from './recording-media.js';
import { RecordingsRepository } from './recordings.repository.js';
import type { RecordingStatus } from './teaching-recording.entity.js';

/** A file the upload stored, before its recording row exists. */
export interface StoredRecordingFile {
  key: string;
  size: number;
  sha256: string;
  mediaType: string;
  filename: string | null;
}

export interface RecordingFields {
  cohortId: string;
  sessionNumber: number;
}

/** Submitting a teaching recording: the checks before a byte is read, storing the file, the row. */
@Injectable()
export class RecordingSubmissionService {
  private readonly logger = new Logger(RecordingSubmissionService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly recordings: RecordingsRepository,
    private readonly practicums: PracticumsRepository,
    private readonly store: BlobStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
  ) {}

  /** Refuses before a byte is read: only the trainee of an active practicum uploads to it. */
  async checkCanUpload(actor: Actor, practicumId: string): Promise<void> {
    const practicum = await this.practicums.findById(practicumId);
    const involved =
      practicum &&
      (isAdmin(actor) || practicum.trainee_id === actor.id || practicum.mentor_id === actor.id);
    if (!practicum || !involved) {
      throw new PracticumError(PracticumErrorCode.PracticumNotFound, 'No such practicum');
    }
    if (practicum.trainee_id !== actor.id) {
      throw new PracticumError(
        PracticumErrorCode.NotPracticumTrainee,
        "Only the practicum's trainee uploads its teaching recordings",
      );
    }
    if (practicum.status !== PracticumStatus.Active) {
      throw new PracticumError(PracticumErrorCode.PracticumClosed, 'The practicum is closed');
    }
  }

  /** Refuses a cohort the trainee does not teach or a session it does not have. */
  async checkFields(actor: Actor, fields: RecordingFields): Promise<void> {
    const found = await this.recordings.cohortTeaching(
      fields.cohortId,
      actor.id,
      fields.sessionNumber,
    );
    if (!found) throw new PracticumError(PracticumErrorCode.CohortNotFound, 'No such cohort');
    if (!found.is_teacher) {
      throw new PracticumError(
        PracticumErrorCode.NotTeachingCohort,
        'A teaching recording is of a cohort you teach',
      );
    }
    if (!found.has_session) {
      throw new PracticumError(
        PracticumErrorCode.SessionNumberUnknown,
        `The cohort has no session ${fields.sessionNumber}`,
      );
    }
  }

  /**
   * Streams the file into the blob store: its type is decided from its first bytes (415 and
   * nothing stored when it is not audio or video), its size limited while it streams.
   */
  async storeFile(file: Readable, filename: string | null): Promise<StoredRecordingFile> {
    const { head, stream } = await splitHead(file);
    const mediaType = await recordingTypeOf(head);
    if (!mediaType) {
      stream.destroy();
      throw new PracticumError(
        PracticumErrorCode.UnsupportedMediaType,
        'The file is not audio or video in a supported format (MP4, MOV, M4A, WebM, MP3, WAV, Ogg)',
      );
    }
    const stored = await this.store.put(stream, {
      prefix: 'recordings',
      maxBytes: this.config.RECORDING_MAX_BYTES,
      contentType: mediaType,
    });
    return { ...stored, mediaType, filename: filename?.slice(0, 255) || null };
  }

  /** Removes a stored file whose recording will not be created. */
  async discardFile(file: StoredRecordingFile): Promise<void> {
    await this.store.delete(file.key).catch((error: unknown) => {
      this.logger.warn({ err: error, key: file.key }, 'could not remove a discarded upload');
    });
  }

  /** Creates the recording for a stored file and queues its probe; removes the file on failure. */
  async register(
    actor: Actor,
    practicumId: string,
    fields: RecordingFields,
    file: StoredRecordingFile,
  ): Promise<{ id: string; status: RecordingStatus }> {
    try {
      return await this.tx.transaction(async () => {
        await this.checkCanUpload(actor, practicumId);
        await this.checkFields(actor, fields);
        const row = await this.recordings.insert({
          practicumId,
          traineeId: actor.id,
          cohortId: fields.cohortId,
          sessionNumber: fields.sessionNumber,
          storageKey: file.key,
          mediaType: file.mediaType,
          originalFilename: file.filename,
          sizeBytes: file.size,
          sha256: file.sha256,
        });
        await this.outbox.add(
          { name: JobName.ProbeRecording, data: { recordingId: row.id } },
          { runOfItsOwn: true },
        );
        await this.audit.record({
          actorId: actor.id,
          action: 'recording.uploaded',
          subject: `recording/${row.id}`,
          details: {
            practicumId,
            cohortId: fields.cohortId,
            sessionNumber: fields.sessionNumber,
            size: file.size,
            sha256: file.sha256,
            mediaType: file.mediaType,
            consentConfirmed: true,
          },
        });
        return { id: row.id, status: row.status };
      });
    } catch (error) {
      await this.discardFile(file);
      throw error;
    }
  }
}
