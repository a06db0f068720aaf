import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';

export interface RecordingUploadRow {
  id: string;
  practicum_id: string;
  trainee_id: string;
  cohort_id: string;
  session_number: number;
  size_bytes: string;
  received_bytes: string;
  declared_type: string | null;
  filename: string | null;
  completing_at: Date | null;
  recording_id: string | null;
  created_at: Date;
  expires_at: Date;
}

export interface UploadPartRow {
  start_offset: string;
  size_bytes: string;
  storage_key: string;
}

const COLUMNS = `id, practicum_id, trainee_id, cohort_id, session_number, size_bytes, received_bytes,
  declared_type, filename, completing_at, recording_id, created_at, expires_at`;

/** Resumable upload sessions and their parts. */
@Injectable()
export class RecordingUploadsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(input: {
    practicumId: string;
    traineeId: string;
    cohortId: string;
    sessionNumber: number;
    size: number;
    declaredType: string | null;
    filename: string | null;
    expiresAt: Date;
  }): Promise<RecordingUploadRow> {
    const rows = await this.tx.query<RecordingUploadRow>(
      `INSERT INTO recording_uploads (practicum_id, trainee_id, cohort_id, session_number,
         size_bytes, declared_type, filename, consent_confirmed_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8) RETURNING ${COLUMNS}`,
      [
        input.practicumId,
        input.traineeId,
        input.cohortId,
        input.sessionNumber,
        input.size,
        input.declaredType,
        input.filename,
        input.expiresAt,
      ],
    );
    return rows[0]!;
  }

  async findById(id: string): Promise<RecordingUploadRow | null> {
    const rows = await this.tx.query<RecordingUploadRow>(
      `SELECT ${COLUMNS} FROM recording_uploads WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Records a chunk stored under `key`: moves the offset from `expected` by `size` (compare and
   * set) and names the part; null when the offset was not `expected` any more.
   */
  async appendPart(input: {
    id: string;
    expected: number;
    size: number;
    key: string;
    expiresAt: Date;
  }): Promise<RecordingUploadRow | null> {
    const rows = await this.tx.query<RecordingUploadRow>(
      `UPDATE recording_uploads
       SET received_bytes = received_bytes + $3, updated_at = now(), expires_at = $4
       WHERE id = $1 AND received_bytes = $2 AND recording_id IS NULL AND completing_at IS NULL
       RETURNING ${COLUMNS}`,
      [input.id, input.expected, input.size, input.expiresAt],
    );
    if (!rows[0]) return null;
    await this.tx.query(
      `INSERT INTO recording_upload_parts (upload_id, start_offset, size_bytes, storage_key)
       VALUES ($1, $2, $3, $4)`,
      [input.id, input.expected, input.size, input.key],
    );
    return rows[0];
  }

  async parts(id: string): Promise<UploadPartRow[]> {
    return this.tx.query<UploadPartRow>(
      `SELECT start_offset, size_bytes, storage_key FROM recording_upload_parts
       WHERE upload_id = $1 ORDER BY start_offset`,
      [id],
    );
  }

  /** Claims the completion of a fully received upload; false when another request holds it. */
  async claimCompletion(id: string, staleBefore: Date): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE recording_uploads SET completing_at = now(), updated_at = now()
       WHERE id = $1 AND recording_id IS NULL AND received_bytes = size_bytes
         AND (completing_at IS NULL OR completing_at < $2)
       RETURNING id`,
      [id, staleBefore],
    );
    return rows.length > 0;
  }

  async releaseCompletion(id: string): Promise<void> {
    await this.tx.query('UPDATE recording_uploads SET completing_at = NULL WHERE id = $1', [id]);
  }

  /** The upload became `recordingId`: its parts are gone (their blobs are removed after commit). */
  async markCompleted(id: string, recordingId: string): Promise<string[]> {
    await this.tx.query(
      `UPDATE recording_uploads SET recording_id = $2, completing_at = NULL, updated_at = now()
       WHERE id = $1`,
      [id, recordingId],
    );
    return this.deleteParts(id);
  }

  /** Removes the upload and its parts; the part keys, for their blobs. */
  async delete(id: string): Promise<string[]> {
    const keys = await this.deleteParts(id);
    await this.tx.query('DELETE FROM recording_uploads WHERE id = $1', [id]);
    return keys;
  }

  /** Removes the uploads past their expiry; the keys of their parts, for their blobs. */
  async purgeExpired(now: Date): Promise<string[]> {
    const rows = await this.tx.query<{ storage_key: string }>(
      `DELETE FROM recording_upload_parts p USING recording_uploads u
       WHERE u.id = p.upload_id AND u.expires_at < $1 RETURNING p.storage_key`,
      [now],
    );
    await this.tx.query('DELETE FROM recording_uploads WHERE expires_at < $1', [now]);
    return rows.map((row) => row.storage_key);
  }

  private async deleteParts(id: string): Promise<string[]> {
    const rows = await this.tx.query<{ storage_key: string }>(
      'DELETE FROM recording_upload_parts WHERE upload_id = $1 RETURNING storage_key',
      [id],
    );
    return rows.map((row) => row.storage_key);
  }
}
