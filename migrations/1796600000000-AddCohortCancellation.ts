import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cohort an admin cancels: status `cancelled`, when and why. A cancelled cohort takes no
 * enrollment, attendance, completion or CE credit any more; its enrollments stay as the record of
 * who was told.
 */
export class AddCohortCancellation1796600000000 implements MigrationInterface {
  name = 'AddCohortCancellation1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohorts" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "cohorts" ADD "cancellation_reason" text`);
    await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_status_check"
         CHECK ("status" IN ('scheduling', 'open', 'completed', 'cancelled'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_cancelled_check"
         CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_cancelled_check"`);
    await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_status_check"
         CHECK ("status" IN ('scheduling', 'open', 'completed'))`,
    );
    await queryRunner.query(`ALTER TABLE "cohorts" DROP COLUMN "cancellation_reason"`);
    await queryRunner.query(`ALTER TABLE "cohorts" DROP COLUMN "cancelled_at"`);
  }
}
