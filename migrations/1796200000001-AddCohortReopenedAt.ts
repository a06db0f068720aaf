import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an admin last reopened a completed cohort to correct its attendance. A reopened cohort is
 * completed again by an admin only: the automatic completion after the grace period leaves it be.
 */
export class AddCohortReopenedAt1796200000001 implements MigrationInterface {
  name = 'AddCohortReopenedAt1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohorts" ADD "reopened_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohorts" DROP COLUMN "reopened_at"`);
  }
}
