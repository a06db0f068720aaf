import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session reminders and cohort completions are delayed by weeks or months; an integer of
 * milliseconds stops at 24.8 days.
 */
export class WidenOutboxDelay1795810000001 implements MigrationInterface {
  name = 'WidenOutboxDelay1795810000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ALTER COLUMN "delay_ms" TYPE bigint`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ALTER COLUMN "delay_ms" TYPE integer`);
  }
}
