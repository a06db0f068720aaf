import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the foreign keys no index led with (test/e2e/schema-indexes.e2e-spec.ts finds them):
 * attendance of a cohort session is keyed (session_id, user_id), so the composite key to
 * cohort_sessions (session_id, cohort_id) had no index of its own.
 */
export class IndexForeignKeys1795860000000 implements MigrationInterface {
  name = 'IndexForeignKeys1795860000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "attendance_records_session_cohort_idx" ON "attendance_records" ("session_id", "cohort_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "attendance_records_session_cohort_idx"`);
  }
}
