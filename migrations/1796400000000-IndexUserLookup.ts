import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for finding a person by what an admin types: any word of the display name by its
 * beginning (full-text prefix on the `simple` configuration, GIN) and the e-mail by its beginning
 * (case-insensitive, `text_pattern_ops` so that `LIKE 'abc%'` uses it whatever the collation).
 */
export class IndexUserLookup1796400000000 implements MigrationInterface {
  name = 'IndexUserLookup1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "users_display_name_words_idx" ON "users" USING gin (to_tsvector('simple'::regconfig, "display_name"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "users_email_prefix_idx" ON "users" (lower("email") text_pattern_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "users_email_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "users_display_name_words_idx"`);
  }
}
