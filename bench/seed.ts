import type pg from 'pg';
import { RUBRIC_DOMAINS } from '@msc/domain/practicum';

/**
 * The bench's population, written by set-based SQL (INSERT … SELECT over generate_series) in the
 * shape the API leaves its rows: trainees at every stage of the default pathway ('msc-teacher'),
 * each with the evidence that puts them there, past cohorts with attendance and completions,
 * running and upcoming cohorts with enrollments, and empty open cohorts for the enrollment race.
 * test/e2e/bench-seed.e2e-spec.ts proves the shapes against rows the API and the factories write.
 *
 * Not written (the API writes them as side effects no bench request reads): audit events,
 * notifications, the outbox, refresh tokens, CE credits and credentials (the worker issues those;
 * the bench's API-only processes run no reconciler that would look for them).
 */

/** The stages a trainee can be at, as `currentStage` of GET /me/progress names them (null: certified). */
export const BENCH_STAGES = [
  'msc_course',
  'personal_practice',
  'teacher_training',
  'practicum',
  'certification',
  null,
] as const;
export type BenchStage = (typeof BENCH_STAGES)[number];

/** How a stage is spelled in e-mails and options: its key, or `certified` for the end of the pathway. */
export const stageLabel = (stage: BenchStage): string => stage ?? 'certified';

/** A funnel: most trainees early in the pathway, few at the end (shares of the population). */
const FUNNEL = [0.3, 0.25, 0.15, 0.12, 0.1, 0.08];

export const BENCH_EMAIL_DOMAIN = 'bench.example.org';
export const traineeEmail = (stage: BenchStage, n: number) =>
  `bench-${stageLabel(stage).replace(/_/g, '-')}-${n}@${BENCH_EMAIL_DOMAIN}`;
export const BENCH_ADMIN_EMAIL = `bench-admin@${BENCH_EMAIL_DOMAIN}`;

/** The stage a bench trainee's e-mail names; undefined for anyone else. */
export function stageOfEmail(email: string): BenchStage | undefined {
  const match = /^bench-([a-z-]+)-\d+@/.exec(email);
  if (!match) return undefined;
  return BENCH_STAGES.find((s) => stageLabel(s).replace(/_/g, '-') === match[1]);
}

export interface SeedOptions {
  /** Trainees in all, spread over the stages by a funnel (unless `stageCounts`). */
  trainees: number;
  /** Trainees per stage instead of the funnel (keys as `stageLabel`). */
  stageCounts?: Partial<Record<string, number>>;
  /** Open cohorts in all: running practicum cohorts, upcoming MSC cohorts and the race cohorts. */
  openCohorts: number;
  /** Empty open MSC cohorts of 10,000 seats (among `openCohorts`) for many trainees to race into. */
  raceCohorts?: number;
  /** The password hash every seeded person gets (one real hash: login works for all of them). */
  passwordHash: string;
  now?: Date;
  /** VACUUM ANALYZE the tables at the end, so that no autovacuum runs during a measurement. */
  vacuum?: boolean;
  /**
   * Seeds about twice as fast, to the same rows: foreign keys are not checked while seeding
   * (session_replication_role = replica, which needs a superuser), and the secondary indexes of the
   * largest tables are dropped before their insert and built again after it from their own
   * definitions. The e2e test seeds without it, with every check on.
   */
  fast?: boolean;
}

export interface SeedResult {
  adminId: string;
  mentorIds: string[];
  counts: Record<string, number>;
  openCohorts: number;
  raceCohortIds: string[];
  /** Stage-0 trainees enrolled nowhere (the enrollment race's runners), in order. */
  unenrolledEmails: string[];
  rows: Record<string, number>;
  seconds: number;
}

/** Past MSC course start, days before now, per stage (1..5); each stage's cohorts spread over 4 weeks. */
const MSC_DAYS_AGO = [0, 300, 430, 560, 1000, 1100];
const TT_DAYS_AGO = [0, 0, 0, 200, 700, 760];
const TTP_DAYS_AGO = [0, 0, 0, 0, 640, 700];
/** Participants of one past MSC cohort: every one of them has at least this many (8+ count as taught). */
const MSC_GROUP = 10;
const ZONES = ['Europe/London', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'UTC'];
const PRACTICE_KINDS = ['sitting', 'loving_kindness', 'self_compassion', 'informal'];
const ATTESTED: Record<string, string> = {
  daily_practice_2y:
    'I have practised mindfulness daily for over two years, mostly sitting meditation.',
  silent_retreat_5d: 'I attended a 7-day silent insight retreat led by two experienced teachers.',
  group_teaching: 'I have guided weekly meditation groups at my workplace for a year.',
};
const LEVELS = ['competent', 'proficient', 'competent', 'advanced', 'proficient', 'competent'];

/** The tables the seed writes. */
const SEEDED_TABLES = [
  'users',
  'trainee_pathways',
  'courses',
  'cohorts',
  'cohort_sessions',
  'cohort_teachers',
  'enrollments',
  'attendance_records',
  'practice_logs',
  'attestations',
  'applications',
  'practicums',
  'practicum_sessions',
  'teaching_recordings',
  'mentor_reviews',
  'review_comments',
  'certification_requests',
  'designations',
];

/**
 * Drops the tables' indexes that back no constraint; answers a function that creates them again
 * from their own definitions (pg_indexes.indexdef), so that the schema ends as it began.
 */
async function dropSecondaryIndexes(
  client: pg.ClientBase,
  tables: string[],
): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX ${client.escapeIdentifier(row.name)}`);
  return async () => {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    for (const row of rows) await client.query(row.definition);
  };
}

function stageCountsOf(options: SeedOptions): number[] {
  if (options.stageCounts) {
    return BENCH_STAGES.map((s) =>
      Math.max(0, Math.floor(options.stageCounts![stageLabel(s)] ?? 0)),
    );
  }
  const counts = FUNNEL.map((share) => Math.floor(share * options.trainees));
  counts[0]! += options.trainees - counts.reduce((a, b) => a + b, 0);
  return counts;
}

/**
 * Seeds the population on `client` (one connection: the seed keeps its plan in temporary tables).
 * The database must be migrated and hold the default pathway; it may hold other rows.
 */
export async function seedPopulation(
  client: pg.ClientBase,
  options: SeedOptions,
): Promise<SeedResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const n = stageCountsOf(options);
  const race = options.raceCohorts ?? 0;
  // Those who teach need cohorts of at least 8 participants at stages 1-3 to teach.
  if (n[4]! + n[5]! > 0 && Math.min(n[1]!, n[2]!, n[3]!) < 8) {
    throw new Error('trained and certified trainees need at least 8 trainees at stages 1, 2 and 3');
  }
  const q = async (sql: string, params: unknown[] = []) => {
    const at = performance.now();
    const { rows } = await client.query(sql, params);
    if (process.env.BENCH_SEED_VERBOSE) {
      const what = sql.trim().split(/\s+/).slice(0, 4).join(' ');
      console.log(`  seed ${Math.round(performance.now() - at)} ms  ${what}`);
    }
    // Temporary tables are never analyzed by autovacuum: without statistics the joins over them
    // would be planned as if they were tiny.
    const created = /^\s*CREATE TEMP TABLE (\w+)/.exec(sql);
    if (created) await client.query(`ANALYZE ${created[1]}`);
    return rows;
  };
  await q(`SET synchronous_commit = off`);
  await q(`SET work_mem = '256MB'`);
  if (options.fast) await q(`SET session_replication_role = replica`);
  const rebuild = options.fast ? await dropSecondaryIndexes(client, SEEDED_TABLES) : null;

  const [version] = await q(
    `SELECT id FROM pathway_versions WHERE key = 'msc-teacher' AND published_at IS NOT NULL
       AND published_at <= $1 ORDER BY version DESC LIMIT 1`,
    [now],
  );
  if (!version) throw new Error('no published msc-teacher pathway version');

  // Staff: one admin, a mentor per 2,000 trainees (at least 3).
  const mentors = Math.max(3, Math.ceil(n.reduce((a, b) => a + b, 0) / 2000));
  await q(`DROP TABLE IF EXISTS seed_staff, seed_trainees, seed_slots, seed_cohorts`);
  await q(
    `CREATE TEMP TABLE seed_staff AS
     SELECT 0 AS i, gen_random_uuid() AS id, $1::text AS email, 'Bench Administrator' AS name,
            ARRAY['admin'] AS roles
     UNION ALL
     SELECT i, gen_random_uuid(), 'bench-mentor-' || i || '@${BENCH_EMAIL_DOMAIN}',
            'Bench Mentor ' || i, ARRAY['mentor']
     FROM generate_series(1, $2::int) AS i`,
    [BENCH_ADMIN_EMAIL, mentors],
  );
  await q(
    `INSERT INTO users (id, email, password_hash, display_name, roles, time_zone, created_at, updated_at)
     SELECT id, email, $1, name, roles, 'Europe/Amsterdam', $2::timestamptz - interval '1200 days',
            $2::timestamptz - interval '1200 days'
     FROM seed_staff ORDER BY i`,
    [options.passwordHash, now],
  );
  const staff = await q(`SELECT i, id FROM seed_staff ORDER BY i`);
  const adminId = staff[0]!.id as string;

  // Trainees: registered (and pinned to the pathway at their first look at it) before their course.
  await q(
    `CREATE TEMP TABLE seed_trainees AS
     SELECT k AS stage, t AS n, gen_random_uuid() AS id,
            ($2::text[])[k + 1] AS label,
            ($3::text[])[1 + (t % array_length($3::text[], 1))] AS time_zone,
            CASE WHEN k = 0 THEN $1::timestamptz - (1 + t % 60) * interval '1 day'
                 ELSE $1::timestamptz - (($4::int[])[k + 1] + 60 + t % 28) * interval '1 day' END
              AS registered_at
     FROM generate_series(0, 5) AS k
     CROSS JOIN LATERAL generate_series(1, ($5::int[])[k + 1]) AS t`,
    [now, BENCH_STAGES.map((s) => stageLabel(s).replace(/_/g, '-')), ZONES, MSC_DAYS_AGO, n],
  );
  await q(`CREATE UNIQUE INDEX ON seed_trainees (stage, n)`);
  await q(`CREATE UNIQUE INDEX ON seed_trainees (id)`);
  await q(
    `INSERT INTO users (id, email, password_hash, display_name, roles, time_zone, created_at, updated_at)
     SELECT id, 'bench-' || label || '-' || n || '@${BENCH_EMAIL_DOMAIN}', $1,
            'Trainee ' || (stage + 1) || '.' || n, ARRAY['trainee'], time_zone, registered_at,
            registered_at
     FROM seed_trainees ORDER BY stage, n`,
    [options.passwordHash],
  );
  await q(
    `INSERT INTO trainee_pathways (trainee_id, pathway_version_id, started_at)
     SELECT id, $1, registered_at + interval '1 minute' FROM seed_trainees ORDER BY stage, n`,
    [version.id],
  );

  // Courses, as an admin creates them.
  const courses = await q(
    `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
       completion_min_sessions, ce_hours, ce_accreditor, created_by, created_at)
     SELECT c.code || '-' || substr(md5(random()::text), 1, 6), c.title, c.format, c.mode, c.sessions,
            c.minutes, c.min, c.ce, c.accreditor, $1, $2::timestamptz - interval '1300 days'
     FROM (VALUES
       ('MSC-8W', 'Mindful Self-Compassion (8 weeks)', 'msc_8_week', 'online', 8, 150, 7, 24::numeric,
        'Approved for 24 CE hours (bench accreditor).'),
       ('MSC-TT', 'MSC Teacher Training (6-day residential)', 'teacher_training', 'in_person', 6, 420,
        6, NULL, NULL),
       ('MSC-TTP', 'MSC Teacher Training Practicum', 'teacher_training_practicum', 'online', 10, 120,
        10, NULL, NULL)
     ) AS c(code, title, format, mode, sessions, minutes, min, ce, accreditor)
     RETURNING id, format, session_count, session_minutes`,
    [adminId, now],
  );
  const courseOf = (format: string) => courses.find((c) => c.format === format)!;

  // The cohort plan: one row per cohort, ids made here so that the plan can refer to them.
  const perGroup = (count: number, size: number) =>
    count > 0 ? Math.max(1, Math.floor(count / size)) : 0;
  const slots: { slot: string; stage: number; m: number }[] = [];
  for (let k = 1; k <= 5; k++) slots.push({ slot: 'msc', stage: k, m: perGroup(n[k]!, MSC_GROUP) });
  for (let k = 3; k <= 5; k++) slots.push({ slot: 'tt', stage: k, m: perGroup(n[k]!, 20) });
  for (let k = 4; k <= 5; k++) slots.push({ slot: 'ttp', stage: k, m: perGroup(n[k]!, 16) });
  const running = perGroup(n[3]!, 16);
  slots.push({ slot: 'ttp_now', stage: 3, m: running });
  const upcoming = Math.max(1, options.openCohorts - running - race);
  slots.push({ slot: 'upcoming', stage: 0, m: upcoming });
  slots.push({ slot: 'race', stage: 0, m: race });
  await q(
    `CREATE TEMP TABLE seed_slots AS
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[]) AS s(slot, stage, m)`,
    [slots.map((s) => s.slot), slots.map((s) => s.stage), slots.map((s) => s.m)],
  );
  await q(
    `CREATE TEMP TABLE seed_cohorts AS
     SELECT gen_random_uuid() AS id, s.slot, s.stage, i AS idx, p.course_id, p.title,
            p.start_date, p.cadence, p.capacity, p.status,
            ($3::text[])[1 + (i % array_length($3::text[], 1))] AS time_zone,
            NULL::timestamptz AS first_start, NULL::timestamptz AS last_end
     FROM seed_slots s CROSS JOIN LATERAL generate_series(0, s.m - 1) AS i
     CROSS JOIN LATERAL (
       SELECT CASE WHEN s.slot IN ('msc', 'upcoming', 'race') THEN $4::uuid
                   WHEN s.slot = 'tt' THEN $5::uuid ELSE $6::uuid END AS course_id,
              CASE s.slot
                WHEN 'msc' THEN 'MSC online, group ' || (s.stage * 100000 + i)
                WHEN 'tt' THEN 'Teacher training retreat ' || (s.stage * 100000 + i)
                WHEN 'ttp' THEN 'Teacher training practicum ' || (s.stage * 100000 + i)
                WHEN 'ttp_now' THEN 'Teacher training practicum, current ' || i
                WHEN 'upcoming' THEN 'MSC online, next season ' || i
                ELSE 'MSC online, open to all ' || i END AS title,
              (($1::timestamptz AT TIME ZONE 'UTC')::date - CASE s.slot
                WHEN 'msc' THEN ($2::int[])[s.stage + 1] + i % 28
                WHEN 'tt' THEN ($7::int[])[s.stage + 1] + i % 14
                WHEN 'ttp' THEN ($8::int[])[s.stage + 1] + i % 14
                WHEN 'ttp_now' THEN 20
                WHEN 'upcoming' THEN -(14 + i % 90)
                ELSE -30 END) AS start_date,
              CASE WHEN s.slot = 'tt' THEN 'daily' ELSE 'weekly' END AS cadence,
              CASE WHEN s.slot IN ('tt', 'ttp', 'ttp_now') THEN 40 WHEN s.slot = 'race' THEN 10000
                   ELSE 24 END AS capacity,
              CASE WHEN s.slot IN ('msc', 'tt', 'ttp') THEN 'completed' ELSE 'open' END AS status
     ) p`,
    [
      now,
      MSC_DAYS_AGO,
      ZONES,
      courseOf('msc_8_week').id,
      courseOf('teacher_training').id,
      courseOf('teacher_training_practicum').id,
      TT_DAYS_AGO,
      TTP_DAYS_AGO,
    ],
  );
  await q(`CREATE UNIQUE INDEX ON seed_cohorts (slot, stage, idx)`);
  await q(`CREATE UNIQUE INDEX ON seed_cohorts (id)`);
  await q(`ANALYZE seed_cohorts`);
  // Sessions as the scheduling job plans them: the local wall-clock time in the cohort's zone.
  await q(
    `CREATE TEMP TABLE seed_sessions AS
     SELECT gen_random_uuid() AS id, c.id AS cohort_id, s AS number,
            ((c.start_date + (s - 1) * CASE c.cadence WHEN 'daily' THEN 1 ELSE 7 END) + time '18:00')
              AT TIME ZONE c.time_zone AS starts_at,
            co.session_minutes
     FROM seed_cohorts c JOIN courses co ON co.id = c.course_id
     CROSS JOIN LATERAL generate_series(1, co.session_count) AS s`,
  );
  await q(`CREATE INDEX ON seed_sessions (cohort_id)`);
  await q(
    `UPDATE seed_cohorts c SET first_start = s.first_start, last_end = s.last_end
     FROM (SELECT cohort_id, min(starts_at) AS first_start,
                  max(starts_at + session_minutes * interval '1 minute') AS last_end
           FROM seed_sessions GROUP BY cohort_id) s
     WHERE s.cohort_id = c.id`,
  );
  // Created a month before they start (never in the future); completed by an admin the day after.
  await q(
    `INSERT INTO cohorts (id, course_id, title, start_date, local_time, time_zone, cadence, capacity,
       ce_eligible, status, completed_at, created_by, created_at)
     SELECT id, course_id, title, start_date, '18:00', time_zone, cadence, capacity,
            course_id = $2, status,
            CASE WHEN status = 'completed' THEN last_end + interval '1 day' END, $3,
            least(first_start - interval '30 days', $1::timestamptz - interval '1 day')
     FROM seed_cohorts ORDER BY slot, stage, idx`,
    [now, courseOf('msc_8_week').id, adminId],
  );
  await q(
    `INSERT INTO cohort_sessions (id, cohort_id, number, starts_at, ends_at, updated_at)
     SELECT s.id, s.cohort_id, s.number, s.starts_at,
            s.starts_at + s.session_minutes * interval '1 minute', c.created_at + interval '1 minute'
     FROM seed_sessions s JOIN cohorts c ON c.id = s.cohort_id ORDER BY s.cohort_id, s.number`,
  );

  // Teachers: a mentor leads every cohort; trained trainees co-teach a stage-1 cohort, certified
  // ones co-taught a stage-3 cohort and led a stage-2 and a stage-1 cohort (not overlapping).
  await q(
    `CREATE TEMP TABLE seed_teaching AS
     SELECT c.id AS cohort_id, m.id AS user_id, 'lead' AS role
     FROM seed_cohorts c JOIN seed_staff m ON m.i = 1 + (c.idx % $1::int)
     UNION ALL
     SELECT c.id, t.id, x.role
     FROM seed_trainees t
     CROSS JOIN LATERAL (VALUES (4, 1, 'co_teacher'), (5, 3, 'co_teacher'), (5, 2, 'lead'),
                                (5, 1, 'lead')) AS x(stage, taught_stage, role)
     JOIN seed_slots sl ON sl.slot = 'msc' AND sl.stage = x.taught_stage
     JOIN seed_cohorts c ON c.slot = 'msc' AND c.stage = x.taught_stage AND c.idx = (t.n - 1) % sl.m
     WHERE t.stage = x.stage`,
    [mentors],
  );
  await q(`CREATE INDEX ON seed_teaching (user_id)`);
  await q(
    `INSERT INTO cohort_teachers (cohort_id, user_id, role, assigned_by, created_at)
     SELECT t.cohort_id, t.user_id, t.role, $1, c.created_at + interval '1 day'
     FROM seed_teaching t JOIN cohorts c ON c.id = t.cohort_id ORDER BY c.id, t.role DESC, t.user_id`,
    [adminId],
  );

  // Enrollments: each past stage's course, the running practicum, the upcoming courses.
  const upcomingEnrolled = Math.min(Math.floor(0.6 * n[0]!), 20 * upcoming);
  await q(
    `CREATE TEMP TABLE seed_enrollments AS
     SELECT t.id AS user_id, t.n, c.id AS cohort_id, c.slot, c.first_start, c.last_end, c.status
     FROM seed_trainees t
     CROSS JOIN LATERAL (VALUES ('msc', t.stage), ('tt', t.stage), ('ttp', t.stage),
                                ('ttp_now', t.stage)) AS x(slot, stage)
     JOIN seed_slots sl ON sl.slot = x.slot AND sl.stage = x.stage AND sl.m > 0
     JOIN seed_cohorts c ON c.slot = x.slot AND c.stage = x.stage AND c.idx = (t.n - 1) % sl.m
     WHERE t.stage >= 1
     UNION ALL
     SELECT t.id, t.n, c.id, c.slot, c.first_start, c.last_end, c.status
     FROM seed_trainees t
     JOIN seed_cohorts c ON c.slot = 'upcoming' AND c.idx = (t.n - 1) % $1::int
     WHERE t.stage = 0 AND t.n <= $2::int`,
    [upcoming, upcomingEnrolled],
  );
  // Trainees enroll themselves a week or two before the start; completion is their last session's end.
  await q(
    `INSERT INTO enrollments (cohort_id, user_id, status, request_ce, license_number, enrolled_at,
       completed_at, created_by, created_at)
     SELECT e.cohort_id, e.user_id, 'enrolled', e.slot = 'upcoming' AND e.n % 2 = 0, NULL, at,
            CASE WHEN e.status = 'completed' THEN e.last_end END, e.user_id, at
     FROM seed_enrollments e
     CROSS JOIN LATERAL (SELECT least(e.first_start - (7 + e.n % 7) * interval '1 day',
                                      $1::timestamptz - (1 + e.n % 10) * interval '1 hour') AS at) a
     ORDER BY e.cohort_id, e.user_id`,
    [now],
  );
  // Attendance of every session held: all present, but every 5th trainee missed session 4 of the
  // 8-week course (7 of 8 still completes it).
  await q(
    `INSERT INTO attendance_records (session_id, cohort_id, user_id, status, recorded_by, recorded_at)
     SELECT s.id, s.cohort_id, e.user_id,
            CASE WHEN e.slot = 'msc' AND s.number = 4 AND e.n % 5 = 0 THEN 'absent' ELSE 'present' END,
            $2, s.starts_at + s.session_minutes * interval '1 minute' + interval '1 hour'
     FROM seed_enrollments e JOIN seed_sessions s ON s.cohort_id = e.cohort_id
     WHERE s.starts_at <= $1 ORDER BY s.starts_at, s.cohort_id, e.user_id`,
    [now, adminId],
  );

  // Practice: 22 of the last 60 days at stage 1 (not enough yet), 46 for everyone past it; rows in
  // the order days pass, as the API receives them (and attendance below session by session).
  await q(
    `INSERT INTO practice_logs (user_id, practiced_on, minutes, practice, note, created_at)
     SELECT t.id, d.day, 20 + (i * 7) % 25, ($2::text[])[1 + i % 4],
            CASE WHEN i % 9 = 0 THEN 'Felt settled after the practice.' END,
            (d.day + time '20:00') AT TIME ZONE 'UTC'
     FROM seed_trainees t
     CROSS JOIN LATERAL generate_series(0, CASE WHEN t.stage = 1 THEN 21 ELSE 45 END) AS i
     CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE 'UTC')::date
                                - CASE WHEN t.stage = 1 THEN 1 + (i * 59) / 22 ELSE 1 + i END AS day) d
     WHERE t.stage >= 1 ORDER BY d.day, t.id`,
    [now, PRACTICE_KINDS],
  );

  // Attestations with their evidence file: pending at stage 1, verified for everyone past it.
  await q(
    `INSERT INTO attestations (user_id, kind, statement, status, evidence_key, evidence_content_type,
       evidence_size, evidence_sha256, evidence_file_name, created_at, decided_at, decided_by,
       decision_note)
     SELECT t.id, a.kind, a.statement, CASE WHEN t.stage = 1 THEN 'pending' ELSE 'verified' END,
            'evidence/' || gen_random_uuid(), 'application/pdf', 640 + length(a.statement),
            encode(sha256(convert_to(t.id::text || a.kind, 'UTF8')), 'hex'), a.kind || '.pdf', at,
            CASE WHEN t.stage > 1 THEN at + interval '2 days' END,
            CASE WHEN t.stage > 1 THEN $3::uuid END,
            CASE WHEN t.stage > 1 THEN 'Evidence checked.' END
     FROM seed_trainees t
     CROSS JOIN LATERAL unnest($1::text[], $2::text[]) WITH ORDINALITY AS a(kind, statement, o)
     CROSS JOIN LATERAL (SELECT $4::timestamptz - CASE WHEN t.stage = 1 THEN 20
                                ELSE ($5::int[])[t.stage + 1] - 100 END * interval '1 day'
                                + a.o * interval '1 hour' AS at) x
     WHERE t.stage >= 1 ORDER BY t.id, a.o`,
    [Object.keys(ATTESTED), Object.values(ATTESTED), adminId, now, MSC_DAYS_AGO],
  );
  // Teacher-training applications: waiting at stage 2, approved a month before the training later on.
  await q(
    `INSERT INTO applications (user_id, kind, statement, status, created_at, decided_at, decided_by,
       decision_note)
     SELECT t.id, 'teacher_training',
            CASE WHEN t.stage = 2 THEN 'I would like to bring self-compassion to the nurses I work with.'
                 ELSE 'I have practised for years and want to teach MSC in my community.' END,
            CASE WHEN t.stage = 2 THEN 'submitted' ELSE 'approved' END, at,
            CASE WHEN t.stage > 2 THEN at + interval '3 days' END,
            CASE WHEN t.stage > 2 THEN $2::uuid END,
            CASE WHEN t.stage > 2 THEN 'Welcome to teacher training.' END
     FROM seed_trainees t
     CROSS JOIN LATERAL (SELECT $1::timestamptz - CASE WHEN t.stage = 2 THEN 10
                                ELSE ($3::int[])[t.stage + 1] + 30 END * interval '1 day' AS at) x
     WHERE t.stage >= 2 ORDER BY t.id`,
    [now, adminId, TT_DAYS_AGO],
  );

  // Practicums with a mentor: active during it and after the first designation, closed once certified.
  await q(
    `CREATE TEMP TABLE seed_practicums AS
     SELECT gen_random_uuid() AS id, t.id AS trainee_id, t.stage, t.n, m.id AS mentor_id,
            $1::timestamptz - CASE WHEN t.stage = 3 THEN 25
                                   ELSE ($2::int[])[t.stage + 1] + 10 END * interval '1 day' AS created_at
     FROM seed_trainees t JOIN seed_staff m ON m.i = 1 + (t.n % $3::int)
     WHERE t.stage >= 3`,
    [now, TTP_DAYS_AGO, mentors],
  );
  await q(
    `INSERT INTO practicums (id, trainee_id, mentor_id, status, created_by, created_at, closed_at)
     SELECT id, trainee_id, mentor_id, CASE WHEN stage = 5 THEN 'closed' ELSE 'active' END, $1,
            created_at, CASE WHEN stage = 5 THEN $2::timestamptz - interval '147 days' END
     FROM seed_practicums ORDER BY trainee_id`,
    [adminId, now],
  );
  // Consultations (10 while co-teaching; 2 so far at stage 3) and mentoring (5 trained, 14 certified),
  // logged by the mentor.
  await q(
    `INSERT INTO practicum_sessions (practicum_id, kind, held_at, minutes, logged_by, created_at)
     SELECT p.id, x.kind, x.held_at, x.minutes, p.mentor_id, x.held_at + interval '2 hours'
     FROM seed_practicums p
     CROSS JOIN LATERAL (
       SELECT 'consultation' AS kind, $1::timestamptz - d * interval '1 day' AS held_at, 90 AS minutes
       FROM unnest(ARRAY[12, 5]) AS d WHERE p.stage = 3
       UNION ALL
       SELECT 'consultation', c.first_start + i * interval '5 days' + interval '30 minutes', 90
       FROM seed_teaching st JOIN seed_cohorts c ON c.id = st.cohort_id
       CROSS JOIN generate_series(0, 9) AS i
       WHERE p.stage >= 4 AND st.user_id = p.trainee_id AND st.role = 'co_teacher'
       UNION ALL
       SELECT 'mentoring', $1::timestamptz - (200 - i * 14) * interval '1 day', 60
       FROM generate_series(0, 4) AS i WHERE p.stage = 4
       UNION ALL
       SELECT 'mentoring', $1::timestamptz - (420 - i * 12) * interval '1 day', 60
       FROM generate_series(0, 13) AS i WHERE p.stage = 5
     ) x
     ORDER BY p.id, x.held_at`,
    [now],
  );

  // Teaching recordings, as upload, probe and reviewer assignment leave them: one awaiting its review
  // (trained), four reviewed competent or above in every domain (certified), from cohorts they taught.
  await q(
    `CREATE TEMP TABLE seed_recordings AS
     SELECT gen_random_uuid() AS id, p.id AS practicum_id, p.trainee_id, p.mentor_id, p.stage,
            c.id AS cohort_id, r.session, r.o,
            c.first_start + ((r.session - 1) * 7 + 2) * interval '1 day' AS created_at
     FROM seed_practicums p
     CROSS JOIN LATERAL (VALUES (4, 1, 'co_teacher', 4, 1), (5, 1, 'lead', 3, 1),
                                (5, 1, 'lead', 6, 2), (5, 2, 'lead', 2, 3), (5, 2, 'lead', 7, 4))
       AS r(stage, taught_stage, role, session, o)
     JOIN seed_teaching st ON st.user_id = p.trainee_id AND st.role = r.role
     JOIN seed_cohorts c ON c.id = st.cohort_id AND c.slot = 'msc' AND c.stage = r.taught_stage
     WHERE p.stage = r.stage`,
  );
  await q(
    `UPDATE seed_recordings SET created_at = $1::timestamptz - interval '3 days' WHERE stage = 4`,
    [now],
  );
  await q(
    `INSERT INTO teaching_recordings (id, practicum_id, trainee_id, cohort_id, session_number, status,
       storage_key, media_type, original_filename, size_bytes, sha256, container, duration_seconds,
       consent_confirmed_at, reviewer_id, review_assigned_at, review_due_at, reviewed_at, created_at,
       updated_at)
     SELECT r.id, r.practicum_id, r.trainee_id, r.cohort_id, r.session,
            CASE WHEN r.stage = 5 THEN 'reviewed' ELSE 'awaiting_review' END,
            'recordings/' || gen_random_uuid(), 'audio/wav', 'session-' || r.session || '.wav',
            600044, encode(sha256(convert_to(r.id::text, 'UTF8')), 'hex'), 'WAVE', 75,
            r.created_at, r.mentor_id, r.created_at + interval '5 minutes',
            r.created_at + interval '5 minutes' + interval '10 days',
            CASE WHEN r.stage = 5 THEN r.created_at + interval '4 days' END, r.created_at,
            CASE WHEN r.stage = 5 THEN r.created_at + interval '4 days'
                 ELSE r.created_at + interval '5 minutes' END
     FROM seed_recordings r ORDER BY r.trainee_id, r.o`,
  );
  await q(
    `CREATE TEMP TABLE seed_reviews AS
     SELECT gen_random_uuid() AS id, r.id AS recording_id, r.mentor_id, r.o,
            r.created_at + interval '4 days' AS created_at
     FROM seed_recordings r WHERE r.stage = 5`,
  );
  await q(
    `INSERT INTO mentor_reviews (id, recording_id, reviewer_id, scores, outcome, summary, created_at)
     SELECT v.id, v.recording_id, v.mentor_id,
            (SELECT jsonb_object_agg(d, ($2::text[])[1 + (o - 1 + v.o) % 6])
             FROM unnest($1::text[]) WITH ORDINALITY AS x(d, o)),
            'competent',
            'Competent across every domain; the pacing of the guided practice stood out.', v.created_at
     FROM seed_reviews v ORDER BY v.recording_id`,
    [RUBRIC_DOMAINS, LEVELS],
  );
  await q(
    `INSERT INTO review_comments (review_id, position, at_seconds, text)
     SELECT v.id, c.position, c.at_seconds, c.text
     FROM seed_reviews v
     CROSS JOIN (VALUES (0, 12::numeric, 'A warm, unhurried opening.'),
                        (1, 48::numeric, 'The inquiry stayed with the participant’s experience.'))
       AS c(position, at_seconds, text)
     ORDER BY v.id, c.position`,
  );

  // Designations requested by the trainee and approved by an admin.
  await q(
    `CREATE TEMP TABLE seed_designations AS
     SELECT gen_random_uuid() AS request_id, t.id AS trainee_id, d.designation, d.note,
            $1::timestamptz - CASE WHEN t.stage = 4 THEN 240 ELSE d.days END * interval '1 day' AS at
     FROM seed_trainees t
     CROSS JOIN (VALUES ('trained_teacher', 'Practicum completed.', 480, 4),
                        ('certified_teacher', 'Certification requirements met.', 150, 5))
       AS d(designation, note, days, from_stage)
     WHERE t.stage >= d.from_stage`,
    [now],
  );
  await q(
    `INSERT INTO certification_requests (id, trainee_id, designation, status, note, decided_by,
       decided_at, created_at)
     SELECT request_id, trainee_id, designation, 'approved', note, $1, at + interval '2 days', at
     FROM seed_designations ORDER BY trainee_id, at`,
    [adminId],
  );
  await q(
    `INSERT INTO designations (trainee_id, designation, certification_request_id, granted_by, granted_at)
     SELECT trainee_id, designation, request_id, $1, at + interval '2 days'
     FROM seed_designations ORDER BY trainee_id, at`,
    [adminId],
  );

  // Columns later migrations add and the API keeps up to date, filled as they would be.
  const [seats] = await q(
    `SELECT 1 AS present FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'cohorts' AND column_name = 'seats_taken'`,
  );
  if (seats) {
    await q(
      `UPDATE cohorts c SET seats_taken = e.n
       FROM (SELECT cohort_id, count(*)::int AS n FROM enrollments
             WHERE status = 'enrolled' AND cohort_id IN (SELECT id FROM seed_cohorts)
             GROUP BY cohort_id) e
       WHERE e.cohort_id = c.id`,
    );
  }

  const raceCohortIds = (
    await q(`SELECT id FROM seed_cohorts WHERE slot = 'race' ORDER BY idx`)
  ).map((r) => r.id as string);
  const unenrolledEmails = (
    await q(
      `SELECT 'bench-' || label || '-' || n || '@${BENCH_EMAIL_DOMAIN}' AS email FROM seed_trainees
       WHERE stage = 0 AND n > $1 ORDER BY n`,
      [upcomingEnrolled],
    )
  ).map((r) => r.email as string);
  const rows: Record<string, number> = {};
  for (const [table, sql] of Object.entries({
    users: 'SELECT count(*) FROM seed_trainees',
    cohorts: 'SELECT count(*) FROM seed_cohorts',
    cohort_sessions: 'SELECT count(*) FROM seed_sessions',
    enrollments: 'SELECT count(*) FROM seed_enrollments',
  })) {
    rows[table] = Number((await q(sql))[0]!.count);
  }
  await q(
    `DROP TABLE seed_staff, seed_trainees, seed_slots, seed_cohorts, seed_sessions, seed_teaching,
       seed_enrollments, seed_practicums, seed_recordings, seed_reviews, seed_designations`,
  );
  await rebuild?.();
  if (options.fast) await q(`RESET session_replication_role`);
  if (options.vacuum) await q('VACUUM ANALYZE');
  return {
    adminId,
    mentorIds: staff.slice(1).map((s) => s.id as string),
    counts: Object.fromEntries(BENCH_STAGES.map((s, k) => [stageLabel(s), n[k]!])),
    openCohorts: running + upcoming + race,
    raceCohortIds,
    unenrolledEmails,
    rows,
    seconds: (performance.now() - started) / 1000,
  };
}

export interface CeCohortResult {
  cohortId: string;
  adminId: string;
  trainees: number;
}

/**
 * A completed, CE-eligible 8-week cohort of `trainees` who asked for CE, as completion leaves it
 * (every 10th missed the last session: 7 of 8, still completed), with no credit issued yet.
 */
export async function seedCeCohort(
  client: pg.ClientBase,
  options: { trainees: number; passwordHash: string; now?: Date },
): Promise<CeCohortResult> {
  const now = options.now ?? new Date();
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  await q(`SET synchronous_commit = off`);
  const [admin] = await q(
    `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
     VALUES ($1, $2, 'Bench Administrator', ARRAY['admin'], 'UTC') RETURNING id`,
    [`bench-ce-admin@${BENCH_EMAIL_DOMAIN}`, options.passwordHash],
  );
  const [course] = await q(
    `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
       completion_min_sessions, ce_hours, ce_accreditor, created_by)
     VALUES ('MSC-8W-CE-' || substr(md5(random()::text), 1, 6), 'Mindful Self-Compassion (8 weeks)',
             'msc_8_week', 'online', 8, 150, 7, 24, 'Approved for 24 CE hours (bench accreditor).', $1)
     RETURNING id`,
    [admin!.id],
  );
  const start = new Date(now.getTime() - 70 * 86_400_000).toISOString().slice(0, 10);
  const [cohort] = await q(
    `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
       ce_eligible, status, completed_at, created_by, created_at)
     VALUES ($1, 'MSC online, CE cohort', $2::date, '18:00', 'Europe/Lisbon', 'weekly', 10000, true,
             'completed', $3::timestamptz - interval '1 minute', $4, $3::timestamptz - interval '100 days')
     RETURNING id`,
    [course!.id, start, now, admin!.id],
  );
  await q(
    `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at, updated_at)
     SELECT $1, s, x.starts_at, x.starts_at + interval '150 minutes', $4::timestamptz - interval '100 days'
     FROM generate_series(1, 8) AS s
     CROSS JOIN LATERAL (SELECT (($2::date + (s - 1) * 7) + time '18:00') AT TIME ZONE $3 AS starts_at) x`,
    [cohort!.id, start, 'Europe/Lisbon', now],
  );
  await q(
    `CREATE TEMP TABLE seed_ce AS
     SELECT t AS n, gen_random_uuid() AS id FROM generate_series(1, $1::int) AS t`,
    [options.trainees],
  );
  await q(
    `INSERT INTO users (id, email, password_hash, display_name, roles, time_zone, created_at, updated_at)
     SELECT id, 'bench-ce-' || n || '@${BENCH_EMAIL_DOMAIN}', $1, 'CE Trainee ' || n, ARRAY['trainee'],
            'UTC', $2::timestamptz - interval '120 days', $2::timestamptz - interval '120 days'
     FROM seed_ce ORDER BY n`,
    [options.passwordHash, now],
  );
  await q(
    `INSERT INTO enrollments (cohort_id, user_id, status, request_ce, license_number, enrolled_at,
       completed_at, created_by, created_at)
     SELECT $1, t.id, 'enrolled', true, CASE WHEN t.n % 3 = 0 THEN 'LIC-' || t.n END, x.at, last.ends_at,
            t.id, x.at
     FROM seed_ce t
     CROSS JOIN (SELECT max(ends_at) AS ends_at FROM cohort_sessions WHERE cohort_id = $1) last
     CROSS JOIN LATERAL (SELECT $2::date - 7 + time '12:00' + t.n * interval '1 second' AS at) x
     ORDER BY t.n`,
    [cohort!.id, start],
  );
  await q(
    `INSERT INTO attendance_records (session_id, cohort_id, user_id, status, recorded_by, recorded_at)
     SELECT s.id, s.cohort_id, t.id,
            CASE WHEN s.number = 8 AND t.n % 10 = 0 THEN 'absent' ELSE 'present' END, $2,
            s.ends_at + interval '1 hour'
     FROM cohort_sessions s CROSS JOIN seed_ce t WHERE s.cohort_id = $1 ORDER BY s.number, t.n`,
    [cohort!.id, admin!.id],
  );
  const [seats] = await q(
    `SELECT 1 AS present FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'cohorts' AND column_name = 'seats_taken'`,
  );
  if (seats) {
    await q(`UPDATE cohorts SET seats_taken = $2 WHERE id = $1`, [cohort!.id, options.trainees]);
  }
  await q('DROP TABLE seed_ce');
  await q('VACUUM ANALYZE');
  return { cohortId: cohort!.id, adminId: admin!.id, trainees: options.trainees };
}
