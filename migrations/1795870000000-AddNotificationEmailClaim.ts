import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A lease on sending a notification's e-mail, so that a worker dying mid-send loses nothing. */
export class AddNotificationEmailClaim1795870000000 implements MigrationInterface {
  name = 'AddNotificationEmailClaim1795870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "email_claimed_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "email_claimed_at"`);
  }
}
