import { MigrationInterface, QueryRunner } from 'typeorm';

/** Certification requests, designations, signing keys, status lists and signed credentials. */
export class CreateCredentials1795850000000 implements MigrationInterface {
  name = 'CreateCredentials1795850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "certification_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "designation" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending_review',
                "note" text,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "certification_requests_designation_chk"
                    CHECK ("designation" IN ('trained_teacher', 'certified_teacher')),
                CONSTRAINT "certification_requests_status_chk"
                    CHECK ("status" IN ('pending_review', 'approved', 'rejected', 'revoked')),
                CONSTRAINT "PK_certification_requests" PRIMARY KEY ("id"),
                CONSTRAINT "certification_requests_trainee_fk" FOREIGN KEY ("trainee_id")
                    REFERENCES "users" ("id") ON DELETE CASCADE,
                CONSTRAINT "certification_requests_decided_by_fk" FOREIGN KEY ("decided_by")
                    REFERENCES "users" ("id") ON DELETE SET NULL
            )
        `);
    // At most one open (pending or approved) request per trainee and designation, even under races.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "certification_requests_open_uq"
            ON "certification_requests" ("trainee_id", "designation")
            WHERE status IN ('pending_review', 'approved')
        `);
    await queryRunner.query(`
            CREATE INDEX "certification_requests_trainee_idx" ON "certification_requests" ("trainee_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "certification_requests_status_idx" ON "certification_requests" ("status", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "certification_requests_decided_by_idx" ON "certification_requests" ("decided_by")
        `);

    await queryRunner.query(`
            CREATE TABLE "designations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trainee_id" uuid NOT NULL,
                "designation" text NOT NULL,
                "certification_request_id" uuid NOT NULL,
                "granted_by" uuid,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" text,
                CONSTRAINT "designations_designation_chk"
                    CHECK ("designation" IN ('trained_teacher', 'certified_teacher')),
                CONSTRAINT "designations_request_uq" UNIQUE ("certification_request_id"),
                CONSTRAINT "PK_designations" PRIMARY KEY ("id"),
                CONSTRAINT "designations_trainee_fk" FOREIGN KEY ("trainee_id")
                    REFERENCES "users" ("id") ON DELETE CASCADE,
                CONSTRAINT "designations_request_fk" FOREIGN KEY ("certification_request_id")
                    REFERENCES "certification_requests" ("id") ON DELETE CASCADE,
                CONSTRAINT "designations_granted_by_fk" FOREIGN KEY ("granted_by")
                    REFERENCES "users" ("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "designations_held_uq" ON "designations" ("trainee_id", "designation")
            WHERE revoked_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "designations_trainee_idx" ON "designations" ("trainee_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "designations_granted_by_idx" ON "designations" ("granted_by")
        `);

    await queryRunner.query(`
            CREATE TABLE "signing_keys" (
                "kid" text NOT NULL,
                "algorithm" text NOT NULL DEFAULT 'EdDSA',
                "public_jwk" jsonb NOT NULL,
                "private_key_encrypted" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "signing_keys_status_chk" CHECK ("status" IN ('active', 'retired')),
                CONSTRAINT "signing_keys_public_only_chk" CHECK (NOT ("public_jwk" ? 'd')),
                CONSTRAINT "PK_signing_keys" PRIMARY KEY ("kid")
            )
        `);
    // Exactly one key signs at a time: two processes creating the first key cannot both win.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "signing_keys_one_active_uq" ON "signing_keys" ("status")
            WHERE status = 'active'
        `);
    await queryRunner.query(`
            CREATE INDEX "signing_keys_created_idx" ON "signing_keys" ("created_at")
            WHERE deleted_at IS NULL
        `);

    await queryRunner.query(`
            CREATE TABLE "status_lists" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "purpose" text NOT NULL,
                "size" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "full_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "status_lists_purpose_chk" CHECK ("purpose" IN ('revocation', 'suspension')),
                CONSTRAINT "status_lists_size_chk" CHECK ("size" >= 131072 AND "size" % 8 = 0),
                CONSTRAINT "PK_status_lists" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "status_lists_open_uq" ON "status_lists" ("purpose")
            WHERE full_at IS NULL
        `);

    await queryRunner.query(`
            CREATE TABLE "credentials" (
                "id" uuid NOT NULL,
                "designation_id" uuid NOT NULL,
                "holder_id" uuid NOT NULL,
                "holder_name" text NOT NULL,
                "designation" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "kid" text NOT NULL,
                "jwt" text NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revocation_list_id" uuid NOT NULL,
                "revocation_index" integer NOT NULL,
                "suspension_list_id" uuid NOT NULL,
                "suspension_index" integer NOT NULL,
                "status_changed_at" TIMESTAMP WITH TIME ZONE,
                "status_changed_by" uuid,
                "status_reason" text,
                CONSTRAINT "credentials_status_chk" CHECK ("status" IN ('active', 'suspended', 'revoked')),
                CONSTRAINT "credentials_designation_chk"
                    CHECK ("designation" IN ('trained_teacher', 'certified_teacher')),
                CONSTRAINT "credentials_index_chk"
                    CHECK ("revocation_index" >= 0 AND "suspension_index" >= 0),
                CONSTRAINT "credentials_designation_uq" UNIQUE ("designation_id"),
                CONSTRAINT "credentials_revocation_entry_uq" UNIQUE ("revocation_list_id", "revocation_index"),
                CONSTRAINT "credentials_suspension_entry_uq" UNIQUE ("suspension_list_id", "suspension_index"),
                CONSTRAINT "PK_credentials" PRIMARY KEY ("id"),
                CONSTRAINT "credentials_designation_fk" FOREIGN KEY ("designation_id")
                    REFERENCES "designations" ("id") ON DELETE RESTRICT,
                CONSTRAINT "credentials_holder_fk" FOREIGN KEY ("holder_id")
                    REFERENCES "users" ("id") ON DELETE CASCADE,
                CONSTRAINT "credentials_kid_fk" FOREIGN KEY ("kid")
                    REFERENCES "signing_keys" ("kid") ON DELETE RESTRICT,
                CONSTRAINT "credentials_revocation_list_fk" FOREIGN KEY ("revocation_list_id")
                    REFERENCES "status_lists" ("id") ON DELETE RESTRICT,
                CONSTRAINT "credentials_suspension_list_fk" FOREIGN KEY ("suspension_list_id")
                    REFERENCES "status_lists" ("id") ON DELETE RESTRICT,
                CONSTRAINT "credentials_status_changed_by_fk" FOREIGN KEY ("status_changed_by")
                    REFERENCES "users" ("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credentials_holder_idx" ON "credentials" ("holder_id", "issued_at")
        `);
    await queryRunner.query(`CREATE INDEX "credentials_kid_idx" ON "credentials" ("kid")`);
    await queryRunner.query(`
            CREATE INDEX "credentials_suspension_list_idx" ON "credentials" ("suspension_list_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credentials_status_changed_by_idx" ON "credentials" ("status_changed_by")
        `);
    await queryRunner.query(`
            CREATE INDEX "credentials_status_idx" ON "credentials" ("status")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "credentials"`);
    await queryRunner.query(`DROP TABLE "status_lists"`);
    await queryRunner.query(`DROP TABLE "signing_keys"`);
    await queryRunner.query(`DROP TABLE "designations"`);
    await queryRunner.query(`DROP TABLE "certification_requests"`);
  }
}
