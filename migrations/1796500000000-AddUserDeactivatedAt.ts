import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an admin deactivated a person: a deactivated person cannot sign in, refresh or use an
 * access token; their records stay. Null while the account is active.
 */
export class AddUserDeactivatedAt1796500000000 implements MigrationInterface {
  name = 'AddUserDeactivatedAt1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "deactivated_at"`);
  }
}
