import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A course an admin retires: when and why. A retired course takes no new cohorts; its existing
 * cohorts carry on. Reinstating clears both. Lists filter on it, hence the index.
 */
export class AddCourseRetirement1796700000000 implements MigrationInterface {
  name = 'AddCourseRetirement1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "courses" ADD "retired_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "courses" ADD "retirement_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "courses_retirement_check"
         CHECK ("retired_at" IS NOT NULL OR "retirement_reason" IS NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "courses_retired_at_idx" ON "courses" ("retired_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "courses_retired_at_idx"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "courses_retirement_check"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "retirement_reason"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "retired_at"`);
  }
}
