import { Injectable } from '@nestjs/common';
import { Outbox, TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { Notifier } from '@msc/domain/notifications';
import { JobName } from '@msc/queue';
import { BlobStore, StorageError, StorageErrorCode } from '@msc/storage';
import { MIN_RECORDING_SECONDS } from './practicum.config.js';
import { probeMedia } from './recording-media.js';
import { type RecordingRow, RecordingsRepository } from './recordings.repository.js';
import { RecordingStatus } from './teaching-recording.entity.js';

/** Why the probe turns a recording down; stored as `rejectionReason`. */
export enum RejectionReason {
  Unreadable = 'unreadable',
  NoDuration = 'no_duration',
  TooShort = 'too_short',
  ChecksumMismatch = 'checksum_mismatch',
  FileMissing = 'file_missing',
}

/** The probe of a stored recording: on to review, or turned down with a reason the trainee is told. */
@Injectable()
export class RecordingProbeService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly recordings: RecordingsRepository,
    private readonly store: BlobStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  /**
   * The ProbeRecording job: container and duration from the stored bytes (and their checksum);
   * `awaiting_review` and the reviewer assignment queued, or `rejected` with a reason.
   */
  async probe(recordingId: string): Promise<string> {
    const row = await this.recordings.findById(recordingId);
    if (!row || row.status !== RecordingStatus.Processing) return 'skipped';
    let probe;
    try {
      probe = await probeMedia(await this.store.get(row.storage_key), {
        mimeType: row.media_type,
        size: Number(row.size_bytes),
      });
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.NotFound) {
        return this.rejectRecording(row, RejectionReason.FileMissing, null, null);
      }
      throw error;
    }
    const { durationSeconds, container } = probe;
    if (probe.sha256 !== row.sha256 || probe.size !== Number(row.size_bytes)) {
      return this.rejectRecording(
        row,
        RejectionReason.ChecksumMismatch,
        durationSeconds,
        container,
      );
    }
    if (probe.error !== null) {
      return this.rejectRecording(row, RejectionReason.Unreadable, null, container);
    }
    if (durationSeconds === null || durationSeconds <= 0) {
      return this.rejectRecording(row, RejectionReason.NoDuration, null, container);
    }
    if (durationSeconds < MIN_RECORDING_SECONDS) {
      return this.rejectRecording(row, RejectionReason.TooShort, durationSeconds, container);
    }
    return this.tx.transaction(async () => {
      if (!(await this.recordings.markProbed(row.id, { durationSeconds, container }))) {
        return 'skipped';
      }
      await this.outbox.add(
        { name: JobName.AssignRecordingReview, data: { recordingId: row.id } },
        { runOfItsOwn: true },
      );
      return 'awaiting_review';
    });
  }

  private async rejectRecording(
    row: RecordingRow,
    reason: RejectionReason,
    durationSeconds: number | null,
    container: string | null,
  ): Promise<string> {
    return this.tx.transaction(async () => {
      if (!(await this.recordings.reject(row.id, reason, { durationSeconds, container }))) {
        return 'skipped';
      }
      await this.audit.record({
        actorId: null,
        action: 'recording.rejected',
        subject: `recording/${row.id}`,
        details: { reason, durationSeconds },
      });
      await this.notifier.notify({
        userId: row.trainee_id,
        dedupeKey: `recording-rejected-${row.id}`,
        kind: 'recording.rejected',
        title: 'Your teaching recording was not accepted',
        body: rejectionSentence(reason),
        email: true,
      });
      return `rejected:${reason}`;
    });
  }
}

function rejectionSentence(reason: RejectionReason): string {
  switch (reason) {
    case RejectionReason.Unreadable:
      return 'The file could not be read as audio or video; please export it again and upload it.';
    case RejectionReason.NoDuration:
      return 'The file holds no playable audio or video.';
    case RejectionReason.TooShort:
      return `The recording is shorter than ${MIN_RECORDING_SECONDS} seconds; upload the whole session.`;
    case RejectionReason.ChecksumMismatch:
      return 'The stored file did not match what was uploaded; please upload it again.';
    case RejectionReason.FileMissing:
      return 'The uploaded file was lost; please upload it again.';
  }
}
