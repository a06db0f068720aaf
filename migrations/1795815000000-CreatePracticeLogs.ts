import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The personal practice log: several entries a day, dated in the trainee's own calendar. */
export class CreatePracticeLogs1795815000000 implements MigrationInterface {
  name = 'CreatePracticeLogs1795815000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "practice_logs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "practiced_on" date NOT NULL,
        "minutes" integer NOT NULL,
        "practice" text NOT NULL,
        "note" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "practice_logs_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "practice_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "practice_logs_minutes_check" CHECK ("minutes" BETWEEN 1 AND 1440),
        CONSTRAINT "practice_logs_practice_check" CHECK ("practice" IN ('sitting', 'loving_kindness', 'self_compassion', 'informal')),
        CONSTRAINT "practice_logs_note_check" CHECK ("note" IS NULL OR char_length("note") BETWEEN 1 AND 2000)
      )`);
    await queryRunner.query(
      `CREATE INDEX "practice_logs_user_day_idx" ON "practice_logs" ("user_id", "practiced_on")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "practice_logs"`);
  }
}
