import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal iCalendar feeds. A feed's URL carries its random id and an HMAC of it (the key is in
 * app_secrets, not here); rotating gives the person a new id, so the old URL finds nothing.
 */
export class CreateCalendarFeeds1796200000000 implements MigrationInterface {
  name = 'CreateCalendarFeeds1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "calendar_feeds" (
        "user_id" uuid NOT NULL,
        "feed_id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "rotated_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("user_id"),
        CONSTRAINT "calendar_feeds_feed_id_key" UNIQUE ("feed_id"),
        CONSTRAINT "calendar_feeds_user_fk" FOREIGN KEY ("user_id")
          REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
