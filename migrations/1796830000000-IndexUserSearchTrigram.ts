import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trigram indexes for the admins' user search (`display_name ILIKE '%…%' OR email ILIKE '%…%'`),
 * which no B-tree can answer: without them a search reads every user (about 170 ms at 100k).
 * pg_trgm ships with PostgreSQL and is a trusted extension, so the database's owner may create it.
 */
export class IndexUserSearchTrigram1796830000000 implements MigrationInterface {
  name = 'IndexUserSearchTrigram1796830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "users_display_name_trgm_idx" ON "users" USING gin ("display_name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "users_email_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "users_display_name_trgm_idx"`);
  }
}
