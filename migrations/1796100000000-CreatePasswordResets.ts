import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password resets asked for by e-mail. The token is made when the e-mail is sent and only its
 * SHA-256 kept; a reset is good for an hour and once.
 */
export class CreatePasswordResets1796100000000 implements MigrationInterface {
  name = 'CreatePasswordResets1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "password_resets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "password_resets_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "password_resets_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "password_resets_user_fk" FOREIGN KEY ("user_id")
          REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "password_resets_expiry_check" CHECK ("expires_at" > "created_at")
      )`);
    await queryRunner.query(
      `CREATE INDEX "password_resets_user_idx" ON "password_resets" ("user_id", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
