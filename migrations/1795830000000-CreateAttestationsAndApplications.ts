import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attestations of the personal-practice prerequisites (with their evidence file's key in the blob
 * store) and teacher-training applications. The partial unique index allows one open application
 * (submitted or approved) per trainee and kind, whatever the races.
 */
export class CreateAttestationsAndApplications1795830000000 implements MigrationInterface {
  name = 'CreateAttestationsAndApplications1795830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "attestations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "statement" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "evidence_key" text,
        "evidence_content_type" text,
        "evidence_size" bigint,
        "evidence_sha256" text,
        "evidence_file_name" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "decided_by" uuid,
        "decision_note" text,
        CONSTRAINT "attestations_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "attestations_evidence_key_key" UNIQUE ("evidence_key"),
        CONSTRAINT "attestations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "attestations_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "attestations_kind_check" CHECK ("kind" IN ('daily_practice_2y', 'silent_retreat_5d', 'group_teaching')),
        CONSTRAINT "attestations_status_check" CHECK ("status" IN ('pending', 'verified', 'rejected')),
        CONSTRAINT "attestations_statement_check" CHECK (char_length("statement") BETWEEN 1 AND 5000),
        CONSTRAINT "attestations_evidence_check" CHECK (
          ("evidence_key" IS NULL) = ("evidence_content_type" IS NULL)
          AND ("evidence_key" IS NULL) = ("evidence_size" IS NULL)
          AND ("evidence_key" IS NULL) = ("evidence_sha256" IS NULL)),
        CONSTRAINT "attestations_decision_check" CHECK (("status" = 'pending') = ("decided_at" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "attestations_user_kind_status_idx" ON "attestations" ("user_id", "kind", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "attestations_status_created_idx" ON "attestations" ("status", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "attestations_decided_by_idx" ON "attestations" ("decided_by")`,
    );

    await queryRunner.query(`
      CREATE TABLE "applications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "statement" text NOT NULL,
        "status" text NOT NULL DEFAULT 'submitted',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "decided_by" uuid,
        "decision_note" text,
        CONSTRAINT "applications_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "applications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "applications_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "applications_kind_check" CHECK ("kind" IN ('teacher_training')),
        CONSTRAINT "applications_status_check" CHECK ("status" IN ('submitted', 'approved', 'rejected')),
        CONSTRAINT "applications_statement_check" CHECK (char_length("statement") BETWEEN 1 AND 5000),
        CONSTRAINT "applications_decision_check" CHECK (("status" = 'submitted') = ("decided_at" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "applications_user_kind_open_key" ON "applications" ("user_id", "kind")
       WHERE "status" IN ('submitted', 'approved')`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_user_id_idx" ON "applications" ("user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_status_created_idx" ON "applications" ("status", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "applications_decided_by_idx" ON "applications" ("decided_by")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP TABLE "attestations"`);
  }
}
