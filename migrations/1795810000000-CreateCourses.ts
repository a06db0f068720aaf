import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses, cohorts and their sessions, teachers, enrollments (with the waitlist) and attendance.
 * The unique keys are what make the scheduling jobs idempotent.
 */
export class CreateCourses1795810000000 implements MigrationInterface {
  name = 'CreateCourses1795810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "courses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "title" text NOT NULL,
        "format" text NOT NULL,
        "delivery_mode" text NOT NULL DEFAULT 'online',
        "session_count" integer NOT NULL,
        "session_minutes" integer NOT NULL,
        "completion_min_sessions" integer NOT NULL,
        "ce_hours" numeric(6,2),
        "ce_accreditor" text,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "courses_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "courses_code_key" UNIQUE ("code"),
        CONSTRAINT "courses_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "courses_format_check" CHECK ("format" IN ('msc_8_week', 'msc_intensive', 'teacher_training', 'teacher_training_practicum')),
        CONSTRAINT "courses_delivery_mode_check" CHECK ("delivery_mode" IN ('online', 'in_person')),
        CONSTRAINT "courses_session_count_check" CHECK ("session_count" BETWEEN 1 AND 200),
        CONSTRAINT "courses_session_minutes_check" CHECK ("session_minutes" BETWEEN 1 AND 1440),
        CONSTRAINT "courses_completion_check" CHECK ("completion_min_sessions" BETWEEN 1 AND "session_count"),
        CONSTRAINT "courses_ce_hours_check" CHECK ("ce_hours" IS NULL OR "ce_hours" > 0)
      )`);
    await queryRunner.query(`CREATE INDEX "courses_format_idx" ON "courses" ("format")`);
    await queryRunner.query(`CREATE INDEX "courses_created_by_idx" ON "courses" ("created_by")`);

    await queryRunner.query(`
      CREATE TABLE "cohorts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "course_id" uuid NOT NULL,
        "title" text NOT NULL,
        "start_date" date NOT NULL,
        "local_time" text NOT NULL,
        "time_zone" text NOT NULL,
        "cadence" text NOT NULL,
        "capacity" integer NOT NULL,
        "ce_eligible" boolean NOT NULL DEFAULT false,
        "status" text NOT NULL DEFAULT 'scheduling',
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "cohorts_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "cohorts_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
        CONSTRAINT "cohorts_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "cohorts_status_check" CHECK ("status" IN ('scheduling', 'open', 'completed')),
        CONSTRAINT "cohorts_cadence_check" CHECK ("cadence" IN ('weekly', 'daily')),
        CONSTRAINT "cohorts_capacity_check" CHECK ("capacity" BETWEEN 1 AND 10000),
        CONSTRAINT "cohorts_local_time_check" CHECK ("local_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        CONSTRAINT "cohorts_completed_check" CHECK (("status" = 'completed') = ("completed_at" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "cohorts_course_id_idx" ON "cohorts" ("course_id")`);
    await queryRunner.query(`CREATE INDEX "cohorts_status_idx" ON "cohorts" ("status")`);
    await queryRunner.query(`CREATE INDEX "cohorts_start_date_idx" ON "cohorts" ("start_date")`);
    await queryRunner.query(`CREATE INDEX "cohorts_created_by_idx" ON "cohorts" ("created_by")`);

    await queryRunner.query(`
      CREATE TABLE "cohort_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "cohort_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "sequence" integer NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "cohort_sessions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "cohort_sessions_cohort_number_key" UNIQUE ("cohort_id", "number"),
        CONSTRAINT "cohort_sessions_id_cohort_key" UNIQUE ("id", "cohort_id"),
        CONSTRAINT "cohort_sessions_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
        CONSTRAINT "cohort_sessions_number_check" CHECK ("number" >= 1),
        CONSTRAINT "cohort_sessions_time_check" CHECK ("ends_at" > "starts_at")
      )`);
    await queryRunner.query(
      `CREATE INDEX "cohort_sessions_starts_at_idx" ON "cohort_sessions" ("starts_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "cohort_teachers" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "cohort_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "role" text NOT NULL,
        "assigned_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "cohort_teachers_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "cohort_teachers_cohort_user_key" UNIQUE ("cohort_id", "user_id"),
        CONSTRAINT "cohort_teachers_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
        CONSTRAINT "cohort_teachers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "cohort_teachers_assigned_by_fkey" FOREIGN KEY ("assigned_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "cohort_teachers_role_check" CHECK ("role" IN ('lead', 'co_teacher'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "cohort_teachers_user_id_idx" ON "cohort_teachers" ("user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "cohort_teachers_assigned_by_idx" ON "cohort_teachers" ("assigned_by")`,
    );

    await queryRunner.query(`
      CREATE TABLE "enrollments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "cohort_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "status" text NOT NULL,
        "request_ce" boolean NOT NULL DEFAULT false,
        "license_number" text,
        "enrolled_at" TIMESTAMP WITH TIME ZONE,
        "waitlisted_at" TIMESTAMP WITH TIME ZONE,
        "withdrawn_at" TIMESTAMP WITH TIME ZONE,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "enrollments_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "enrollments_cohort_user_key" UNIQUE ("cohort_id", "user_id"),
        CONSTRAINT "enrollments_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
        CONSTRAINT "enrollments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "enrollments_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "enrollments_status_check" CHECK ("status" IN ('enrolled', 'waitlisted', 'withdrawn')),
        CONSTRAINT "enrollments_enrolled_check" CHECK ("status" <> 'enrolled' OR "enrolled_at" IS NOT NULL),
        CONSTRAINT "enrollments_waitlisted_check" CHECK ("status" <> 'waitlisted' OR "waitlisted_at" IS NOT NULL),
        CONSTRAINT "enrollments_completed_check" CHECK ("completed_at" IS NULL OR "status" = 'enrolled')
      )`);
    await queryRunner.query(`CREATE INDEX "enrollments_user_id_idx" ON "enrollments" ("user_id")`);
    await queryRunner.query(
      `CREATE INDEX "enrollments_created_by_idx" ON "enrollments" ("created_by")`,
    );
    await queryRunner.query(
      `CREATE INDEX "enrollments_cohort_status_idx" ON "enrollments" ("cohort_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "enrollments_waitlist_idx" ON "enrollments" ("cohort_id", "waitlisted_at", "id") WHERE "status" = 'waitlisted'`,
    );
    await queryRunner.query(
      `CREATE INDEX "enrollments_user_completed_idx" ON "enrollments" ("user_id", "completed_at") WHERE "completed_at" IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "attendance_records" (
        "session_id" uuid NOT NULL,
        "cohort_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "status" text NOT NULL,
        "recorded_by" uuid,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "attendance_records_pkey" PRIMARY KEY ("session_id", "user_id"),
        CONSTRAINT "attendance_records_session_fkey" FOREIGN KEY ("session_id", "cohort_id") REFERENCES "cohort_sessions"("id", "cohort_id") ON DELETE CASCADE,
        CONSTRAINT "attendance_records_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE,
        CONSTRAINT "attendance_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "attendance_records_recorded_by_fkey" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "attendance_records_status_check" CHECK ("status" IN ('present', 'absent', 'excused'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "attendance_records_cohort_user_idx" ON "attendance_records" ("cohort_id", "user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "attendance_records_user_id_idx" ON "attendance_records" ("user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "attendance_records_recorded_by_idx" ON "attendance_records" ("recorded_by")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attendance_records"`);
    await queryRunner.query(`DROP TABLE "enrollments"`);
    await queryRunner.query(`DROP TABLE "cohort_teachers"`);
    await queryRunner.query(`DROP TABLE "cohort_sessions"`);
    await queryRunner.query(`DROP TABLE "cohorts"`);
    await queryRunner.query(`DROP TABLE "courses"`);
  }
}
