import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that give the lists their order, so that a page is read from the index up to its limit
 * instead of sorting every row the filter keeps: open cohorts by start date (replacing the index
 * on status alone, which it leads with), users by creation, every credential and every CE credit
 * newest first, the admins' recordings newest first and the overdue ones by due date. A GIN index
 * on users' roles answers the role filter of the users list (`roles @> ARRAY[role]`).
 */
export class IndexListOrders1796800000000 implements MigrationInterface {
  name = 'IndexListOrders1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "cohorts_status_start_idx" ON "cohorts" ("status", "start_date", "created_at", "id")`,
    );
    await queryRunner.query(`DROP INDEX "cohorts_status_idx"`);
    await queryRunner.query(`CREATE INDEX "users_created_idx" ON "users" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "users_roles_idx" ON "users" USING gin ("roles")`);
    await queryRunner.query(
      `CREATE INDEX "credentials_issued_idx" ON "credentials" ("issued_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ce_credits_issued_idx" ON "ce_credits" ("issued_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "teaching_recordings_created_idx" ON "teaching_recordings" ("created_at" DESC, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "teaching_recordings_overdue_idx" ON "teaching_recordings" ("review_due_at", "id") WHERE "status" = 'awaiting_review'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "teaching_recordings_overdue_idx"`);
    await queryRunner.query(`DROP INDEX "teaching_recordings_created_idx"`);
    await queryRunner.query(`DROP INDEX "ce_credits_issued_idx"`);
    await queryRunner.query(`DROP INDEX "credentials_issued_idx"`);
    await queryRunner.query(`DROP INDEX "users_roles_idx"`);
    await queryRunner.query(`DROP INDEX "users_created_idx"`);
    await queryRunner.query(`CREATE INDEX "cohorts_status_idx" ON "cohorts" ("status")`);
    await queryRunner.query(`DROP INDEX "cohorts_status_start_idx"`);
  }
}
