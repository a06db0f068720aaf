import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CE credits: one per enrollment (the unique key that makes issuance idempotent), a unique
 * certificate number drawn from a sequence, and what the certificate prints, copied at issuance.
 */
export class CreateCeCredits1795820000000 implements MigrationInterface {
  name = 'CreateCeCredits1795820000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "ce_certificate_number_seq" AS bigint START 1`);
    await queryRunner.query(`
      CREATE TABLE "ce_credits" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enrollment_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "cohort_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "hours" numeric(6,2) NOT NULL,
        "certificate_number" text NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "holder_name" text NOT NULL,
        "license_number" text,
        "course_code" text NOT NULL,
        "course_title" text NOT NULL,
        "delivery_mode" text NOT NULL,
        "accreditor_statement" text,
        "course_ce_hours" numeric(6,2) NOT NULL,
        "sessions_attended" integer NOT NULL,
        "sessions_total" integer NOT NULL,
        "first_session_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_session_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "time_zone" text NOT NULL,
        CONSTRAINT "ce_credits_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "ce_credits_enrollment_id_key" UNIQUE ("enrollment_id"),
        CONSTRAINT "ce_credits_certificate_number_key" UNIQUE ("certificate_number"),
        CONSTRAINT "ce_credits_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT,
        CONSTRAINT "ce_credits_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "ce_credits_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT,
        CONSTRAINT "ce_credits_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
        CONSTRAINT "ce_credits_hours_ck" CHECK ("hours" > 0 AND "hours" <= "course_ce_hours"),
        CONSTRAINT "ce_credits_sessions_ck" CHECK ("sessions_attended" >= 0 AND "sessions_total" > 0 AND "sessions_attended" <= "sessions_total"),
        CONSTRAINT "ce_credits_delivery_mode_ck" CHECK ("delivery_mode" IN ('online', 'in_person')),
        CONSTRAINT "ce_credits_session_window_ck" CHECK ("last_session_at" >= "first_session_at")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ce_credits_user_issued_idx" ON "ce_credits" ("user_id", "issued_at")`,
    );
    await queryRunner.query(`CREATE INDEX "ce_credits_cohort_idx" ON "ce_credits" ("cohort_id")`);
    await queryRunner.query(`CREATE INDEX "ce_credits_course_idx" ON "ce_credits" ("course_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ce_credits"`);
    await queryRunner.query(`DROP SEQUENCE "ce_certificate_number_seq"`);
  }
}
