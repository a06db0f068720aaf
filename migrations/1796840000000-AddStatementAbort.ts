import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `msc_abort(reason)` raises, so that one statement that writes several things can undo all of
 * them when what it finds in the middle makes the rest wrong: an enrollment that claimed a seat
 * and then found the person enrolled already (a concurrent request of theirs committed first) must
 * give the seat back, and a statement sent alone commits on its own, with no transaction for the
 * code to roll back. SQLSTATE P0001 (raise_exception), the reason as the message.
 */
export class AddStatementAbort1796840000000 implements MigrationInterface {
  name = 'AddStatementAbort1796840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "msc_abort"(reason text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         RAISE EXCEPTION USING ERRCODE = 'raise_exception', MESSAGE = reason;
       END $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "msc_abort"(text)`);
  }
}
