import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resumable recording uploads: a session declares the file's size and the recording's fields,
 * then receives chunks at increasing offsets, each stored as a blob of its own (a part). The
 * (upload, start offset) key makes a chunk land once; `received_bytes` only moves by a compare
 * and set, so two clients appending at the same offset cannot both succeed. Completing turns the
 * parts into one recording blob and names the recording; an expired session is purged.
 */
export class CreateRecordingUploads1796400000001 implements MigrationInterface {
  name = 'CreateRecordingUploads1796400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "recording_uploads" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "practicum_id" uuid NOT NULL,
        "trainee_id" uuid NOT NULL,
        "cohort_id" uuid NOT NULL,
        "session_number" integer NOT NULL,
        "size_bytes" bigint NOT NULL,
        "received_bytes" bigint NOT NULL DEFAULT 0,
        "declared_type" text,
        "filename" text,
        "consent_confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "completing_at" TIMESTAMP WITH TIME ZONE,
        "recording_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "recording_uploads_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "recording_uploads_practicum_id_fkey" FOREIGN KEY ("practicum_id") REFERENCES "practicums"("id") ON DELETE CASCADE,
        CONSTRAINT "recording_uploads_trainee_id_fkey" FOREIGN KEY ("trainee_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "recording_uploads_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
        CONSTRAINT "recording_uploads_recording_id_fkey" FOREIGN KEY ("recording_id") REFERENCES "teaching_recordings"("id") ON DELETE SET NULL,
        CONSTRAINT "recording_uploads_session_number_check" CHECK ("session_number" >= 1),
        CONSTRAINT "recording_uploads_size_check" CHECK ("size_bytes" > 0),
        CONSTRAINT "recording_uploads_received_check" CHECK ("received_bytes" BETWEEN 0 AND "size_bytes")
      )`);
    for (const column of [
      'practicum_id',
      'trainee_id',
      'cohort_id',
      'recording_id',
      'expires_at',
    ]) {
      await queryRunner.query(
        `CREATE INDEX "recording_uploads_${column}_idx" ON "recording_uploads" ("${column}")`,
      );
    }
    await queryRunner.query(`
      CREATE TABLE "recording_upload_parts" (
        "upload_id" uuid NOT NULL,
        "start_offset" bigint NOT NULL,
        "size_bytes" bigint NOT NULL,
        "storage_key" text NOT NULL,
        CONSTRAINT "recording_upload_parts_pkey" PRIMARY KEY ("upload_id", "start_offset"),
        CONSTRAINT "recording_upload_parts_storage_key_key" UNIQUE ("storage_key"),
        CONSTRAINT "recording_upload_parts_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "recording_uploads"("id") ON DELETE CASCADE,
        CONSTRAINT "recording_upload_parts_start_check" CHECK ("start_offset" >= 0),
        CONSTRAINT "recording_upload_parts_size_check" CHECK ("size_bytes" > 0)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recording_upload_parts"`);
    await queryRunner.query(`DROP TABLE "recording_uploads"`);
  }
}
