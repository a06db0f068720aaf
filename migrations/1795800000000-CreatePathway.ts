import { MigrationInterface, QueryRunner } from 'typeorm';

/** The default MSC teacher pathway, version 1, as the certifying body describes it. */
const MSC_TEACHER_V1_STAGES = [
  {
    key: 'msc_course',
    title: 'MSC course',
    requirements: [
      {
        key: 'msc_course.completed',
        kind: 'course_completed',
        title: 'Complete an 8-week MSC course or a 5-day MSC Intensive',
        params: { formats: ['msc_8_week', 'msc_intensive'] },
      },
    ],
  },
  {
    key: 'personal_practice',
    title: 'Personal practice',
    requirements: [
      {
        key: 'personal_practice.six_months',
        kind: 'time_since',
        title: 'Let at least 6 months pass since completing the MSC course',
        params: { sinceStage: 'msc_course', months: 6 },
      },
      {
        key: 'personal_practice.daily_practice',
        kind: 'attestation_verified',
        title: 'Two years of daily mindfulness practice, attested and verified',
        params: { attestation: 'daily_practice_2y' },
      },
      {
        key: 'personal_practice.silent_retreat',
        kind: 'attestation_verified',
        title: 'A silent, teacher-led retreat of at least 5 days, attested and verified',
        params: { attestation: 'silent_retreat_5d' },
      },
      {
        key: 'personal_practice.group_teaching',
        kind: 'attestation_verified',
        title: 'Experience teaching meditation to groups, attested and verified',
        params: { attestation: 'group_teaching' },
      },
      {
        key: 'personal_practice.practice_log',
        kind: 'practice_days',
        title: 'Log practice on at least 45 of the last 60 days',
        params: { days: 45, windowDays: 60 },
      },
    ],
  },
  {
    key: 'teacher_training',
    title: 'Teacher training',
    requirements: [
      {
        key: 'teacher_training.application',
        kind: 'application_approved',
        title: 'Have your teacher-training application approved',
        params: { applicationKind: 'teacher_training' },
      },
      {
        key: 'teacher_training.completed',
        kind: 'course_completed',
        title: 'Complete an MSC teacher training',
        params: { formats: ['teacher_training'] },
      },
    ],
  },
  {
    key: 'practicum',
    title: 'Supervised practicum',
    designation: 'trained_teacher',
    requirements: [
      {
        key: 'practicum.completed',
        kind: 'course_completed',
        title: 'Complete the Teacher Training Practicum',
        params: { formats: ['teacher_training_practicum'] },
      },
      {
        key: 'practicum.co_taught',
        kind: 'courses_taught',
        title: 'Co-teach one 8-week MSC course with at least 8 participants',
        params: {
          count: 1,
          minParticipants: 8,
          formats: ['msc_8_week'],
          roles: ['co_teacher', 'lead'],
        },
      },
      {
        key: 'practicum.consultations',
        kind: 'sessions_logged',
        title: 'Attend 10 group consultation sessions while co-teaching',
        params: { sessionKind: 'consultation', count: 10, during: 'practicum.co_taught' },
      },
      {
        key: 'practicum.designation',
        kind: 'admin_approval',
        title: 'Be approved as a Trained MSC Teacher',
        params: { designation: 'trained_teacher' },
      },
    ],
  },
  {
    key: 'certification',
    title: 'Certification',
    designation: 'certified_teacher',
    requirements: [
      {
        key: 'certification.taught',
        kind: 'courses_taught',
        title: 'Teach two consecutive 8-week MSC courses with at least 8 participants each',
        params: {
          count: 2,
          consecutive: true,
          minParticipants: 8,
          formats: ['msc_8_week'],
          roles: ['lead', 'co_teacher'],
        },
      },
      {
        key: 'certification.mentoring',
        kind: 'sessions_logged',
        title: 'Complete 14 one-hour mentoring sessions',
        params: { sessionKind: 'mentoring', count: 14 },
      },
      {
        key: 'certification.recordings',
        kind: 'recordings_approved',
        title: 'Have 4 teaching recordings rated competent or above in every domain',
        params: { count: 4, minLevel: 'competent' },
      },
      {
        key: 'certification.designation',
        kind: 'admin_approval',
        title: 'Be approved as a Certified MSC Teacher',
        params: { designation: 'certified_teacher' },
      },
    ],
  },
];

export class CreatePathway1795800000000 implements MigrationInterface {
  name = 'CreatePathway1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "pathway_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "version" integer NOT NULL,
                "title" text NOT NULL,
                "stages" jsonb NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE DEFAULT now(),
                "created_by" uuid,
                CONSTRAINT "pathway_versions_key_version_uq" UNIQUE ("key", "version"),
                CONSTRAINT "pathway_versions_version_positive" CHECK ("version" > 0),
                CONSTRAINT "pathway_versions_stages_array" CHECK (jsonb_typeof("stages") = 'array'),
                CONSTRAINT "PK_pathway_versions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "pathway_versions_published_idx" ON "pathway_versions" ("key", "published_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "trainee_pathways" (
                "trainee_id" uuid NOT NULL,
                "pathway_version_id" uuid NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_trainee_pathways" PRIMARY KEY ("trainee_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "trainee_pathways_version_idx" ON "trainee_pathways" ("pathway_version_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "trainee_pathways" ADD CONSTRAINT "trainee_pathways_trainee_fk"
            FOREIGN KEY ("trainee_id") REFERENCES "users" ("id") ON DELETE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "trainee_pathways" ADD CONSTRAINT "trainee_pathways_version_fk"
            FOREIGN KEY ("pathway_version_id") REFERENCES "pathway_versions" ("id") ON DELETE RESTRICT
        `);
    await queryRunner.query(
      `INSERT INTO "pathway_versions" ("key", "version", "title", "stages", "published_at")
       VALUES ($1, 1, $2, $3::jsonb, now())`,
      ['msc-teacher', 'MSC teacher pathway', JSON.stringify(MSC_TEACHER_V1_STAGES)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "trainee_pathways"`);
    await queryRunner.query(`DROP TABLE "pathway_versions"`);
  }
}
