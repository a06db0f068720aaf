import type { MigrationInterface, QueryRunner } from 'typeorm';

/** msc_abort, raising `errcode` with the reason as its message. */
const abortFunction = (errcode: string) =>
  `CREATE OR REPLACE FUNCTION "msc_abort"(reason text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
   BEGIN
     RAISE EXCEPTION USING ERRCODE = '${errcode}', MESSAGE = reason;
   END $$`;

/**
 * `msc_abort(reason)` raises SQLSTATE MSC01 of its own instead of P0001 (raise_exception), which
 * any RAISE shares: a statement that undid itself on purpose is told apart from a failure, and is
 * not logged as one (see `STATEMENT_ABORTED` in libs/db).
 */
export class StatementAbortCode1796850000000 implements MigrationInterface {
  name = 'StatementAbortCode1796850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(abortFunction('MSC01'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(abortFunction('raise_exception'));
  }
}
