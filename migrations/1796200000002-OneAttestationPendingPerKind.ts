import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one pending attestation per trainee and kind. Pending duplicates from before (possible
 * until now) keep the newest; the older ones are closed as superseded, so the index can be built.
 */
export class OneAttestationPendingPerKind1796200000002 implements MigrationInterface {
  name = 'OneAttestationPendingPerKind1796200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE "attestations" a
      SET "status" = 'rejected', "decided_at" = now(),
          "decision_note" = 'Superseded by a later attestation of the same kind'
      WHERE a."status" = 'pending' AND EXISTS (
        SELECT 1 FROM "attestations" b
        WHERE b."user_id" = a."user_id" AND b."kind" = a."kind" AND b."status" = 'pending'
          AND (b."created_at", b."id") > (a."created_at", a."id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "attestations_one_pending_per_kind" ON "attestations" ("user_id", "kind")
       WHERE "status" = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "attestations_one_pending_per_kind"`);
  }
}
