import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practicums (a trainee supervised by a mentor), their consultation and mentoring ledger, teaching
 * recordings and the mentors' rubric reviews of them. The partial unique index keeps one active
 * practicum per trainee; the (practicum, kind, held_at) key makes a double-logged session a no-op.
 */
export class CreatePracticum1795840000000 implements MigrationInterface {
  name = 'CreatePracticum1795840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "practicums" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trainee_id" uuid NOT NULL,
        "mentor_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'active',
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "practicums_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "practicums_trainee_id_fkey" FOREIGN KEY ("trainee_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "practicums_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "practicums_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "practicums_status_check" CHECK ("status" IN ('active', 'closed')),
        CONSTRAINT "practicums_closed_check" CHECK (("status" = 'closed') = ("closed_at" IS NOT NULL)),
        CONSTRAINT "practicums_distinct_people_check" CHECK ("trainee_id" <> "mentor_id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "practicums_active_trainee_uq" ON "practicums" ("trainee_id") WHERE "status" = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX "practicums_trainee_id_idx" ON "practicums" ("trainee_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "practicums_mentor_id_idx" ON "practicums" ("mentor_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "practicums_created_by_idx" ON "practicums" ("created_by")`,
    );

    await queryRunner.query(`
      CREATE TABLE "practicum_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "practicum_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "held_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "minutes" integer NOT NULL,
        "logged_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "practicum_sessions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "practicum_sessions_practicum_kind_held_key" UNIQUE ("practicum_id", "kind", "held_at"),
        CONSTRAINT "practicum_sessions_practicum_id_fkey" FOREIGN KEY ("practicum_id") REFERENCES "practicums"("id") ON DELETE CASCADE,
        CONSTRAINT "practicum_sessions_logged_by_fkey" FOREIGN KEY ("logged_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "practicum_sessions_kind_check" CHECK ("kind" IN ('consultation', 'mentoring')),
        CONSTRAINT "practicum_sessions_minutes_check" CHECK ("minutes" BETWEEN 15 AND 480)
      )`);
    await queryRunner.query(
      `CREATE INDEX "practicum_sessions_logged_by_idx" ON "practicum_sessions" ("logged_by")`,
    );
    await queryRunner.query(
      `CREATE INDEX "practicum_sessions_kind_held_at_idx" ON "practicum_sessions" ("kind", "held_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "teaching_recordings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "practicum_id" uuid NOT NULL,
        "trainee_id" uuid NOT NULL,
        "cohort_id" uuid NOT NULL,
        "session_number" integer NOT NULL,
        "status" text NOT NULL DEFAULT 'processing',
        "storage_key" text NOT NULL,
        "media_type" text NOT NULL,
        "original_filename" text,
        "size_bytes" bigint NOT NULL,
        "sha256" text NOT NULL,
        "container" text,
        "duration_seconds" numeric(10,3),
        "rejection_reason" text,
        "consent_confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reviewer_id" uuid,
        "review_assigned_at" TIMESTAMP WITH TIME ZONE,
        "review_due_at" TIMESTAMP WITH TIME ZONE,
        "reviewed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "teaching_recordings_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "teaching_recordings_storage_key_key" UNIQUE ("storage_key"),
        CONSTRAINT "teaching_recordings_practicum_id_fkey" FOREIGN KEY ("practicum_id") REFERENCES "practicums"("id") ON DELETE RESTRICT,
        CONSTRAINT "teaching_recordings_trainee_id_fkey" FOREIGN KEY ("trainee_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "teaching_recordings_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT,
        CONSTRAINT "teaching_recordings_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "teaching_recordings_status_check" CHECK ("status" IN ('processing', 'awaiting_review', 'reviewed', 'rejected')),
        CONSTRAINT "teaching_recordings_session_number_check" CHECK ("session_number" >= 1),
        CONSTRAINT "teaching_recordings_size_check" CHECK ("size_bytes" > 0),
        CONSTRAINT "teaching_recordings_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "teaching_recordings_rejected_check" CHECK (("status" = 'rejected') = ("rejection_reason" IS NOT NULL)),
        CONSTRAINT "teaching_recordings_reviewer_check" CHECK ("reviewer_id" IS NULL OR "reviewer_id" <> "trainee_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "teaching_recordings_practicum_id_idx" ON "teaching_recordings" ("practicum_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "teaching_recordings_trainee_status_idx" ON "teaching_recordings" ("trainee_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "teaching_recordings_cohort_id_idx" ON "teaching_recordings" ("cohort_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "teaching_recordings_reviewer_status_idx" ON "teaching_recordings" ("reviewer_id", "status")`,
    );

    await queryRunner.query(`
      CREATE TABLE "mentor_reviews" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "recording_id" uuid NOT NULL,
        "reviewer_id" uuid NOT NULL,
        "scores" jsonb NOT NULL,
        "outcome" text NOT NULL,
        "summary" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "mentor_reviews_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "mentor_reviews_recording_id_fkey" FOREIGN KEY ("recording_id") REFERENCES "teaching_recordings"("id") ON DELETE CASCADE,
        CONSTRAINT "mentor_reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "mentor_reviews_outcome_check" CHECK ("outcome" IN ('competent', 'needs_work')),
        CONSTRAINT "mentor_reviews_scores_check" CHECK (jsonb_typeof("scores") = 'object')
      )`);
    await queryRunner.query(
      `CREATE INDEX "mentor_reviews_recording_created_idx" ON "mentor_reviews" ("recording_id", "created_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "mentor_reviews_reviewer_id_idx" ON "mentor_reviews" ("reviewer_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "review_comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "review_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "at_seconds" numeric(10,3) NOT NULL,
        "text" text NOT NULL,
        CONSTRAINT "review_comments_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "review_comments_review_position_key" UNIQUE ("review_id", "position"),
        CONSTRAINT "review_comments_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "mentor_reviews"("id") ON DELETE CASCADE,
        CONSTRAINT "review_comments_at_seconds_check" CHECK ("at_seconds" >= 0)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "review_comments"`);
    await queryRunner.query(`DROP TABLE "mentor_reviews"`);
    await queryRunner.query(`DROP TABLE "teaching_recordings"`);
    await queryRunner.query(`DROP TABLE "practicum_sessions"`);
    await queryRunner.query(`DROP TABLE "practicums"`);
  }
}
