import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seats a cohort has given, kept beside its capacity: enrollment claims a seat with one guarded
 * increment at the end of its transaction instead of counting enrollments under the cohort's lock
 * for the whole of it. Backfilled from the enrollments; ALTER TABLE holds cohorts exclusively until
 * the commit, and every writer of an enrollment's status locks its cohort row, so none slips in.
 */
export class AddCohortSeatsTaken1796810000000 implements MigrationInterface {
  name = 'AddCohortSeatsTaken1796810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohorts" ADD "seats_taken" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `UPDATE "cohorts" c SET "seats_taken" = e.n
       FROM (SELECT "cohort_id", count(*)::int AS n FROM "enrollments"
             WHERE "status" = 'enrolled' GROUP BY "cohort_id") e
       WHERE e."cohort_id" = c."id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_seats_taken_check" CHECK ("seats_taken" >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_seats_taken_check"`);
    await queryRunner.query(`ALTER TABLE "cohorts" DROP COLUMN "seats_taken"`);
  }
}
