import { randomUUID } from 'node:crypto';
import { AttestationKind } from '@msc/domain/applications';
import {
  AttendanceStatus,
  CohortStatus,
  CourseFormat,
  DeliveryMode,
  EnrollmentStatus,
  planSessions,
  SessionCadence,
  TeacherRole,
} from '@msc/domain/courses';
import { Designation } from '@msc/domain/credentials';
import { AccessTokens, PasswordHasher, type UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import {
  EvaluatorRegistry,
  evaluateStages,
  type RequirementDefinition,
  RequirementKind,
  type RequirementResult,
  type StageDefinition,
} from '@msc/domain/pathway';
import { REVIEW_DUE_DAYS, RUBRIC_DOMAINS } from '@msc/domain/practicum';
import type { TestApp } from './test-app.js';

export const DEFAULT_PASSWORD = 'correct-horse-battery';

const DAY_MS = 86_400_000;

export interface TestUser extends UserView {
  password: string;
  accessToken: string;
  /** `{ Authorization: 'Bearer …' }`, ready for supertest's `.set()`. */
  auth: { Authorization: string };
}

/** An enum's values or their string spellings: `'in_person'` as well as `DeliveryMode.InPerson`. */
type Spelling<E extends string> = E | `${E}`;

export interface CourseSpec {
  code?: string;
  title?: string;
  format?: Spelling<CourseFormat>;
  deliveryMode?: Spelling<DeliveryMode>;
  sessions?: number;
  sessionMinutes?: number;
  /** Defaults to every session. */
  completionMinSessions?: number;
  ceHours?: number | string | null;
  ceAccreditor?: string | null;
  createdBy?: string | null;
}

export interface CohortSpec {
  /** The course's id, or what the course made for this cohort is like. */
  course?: string | CourseSpec;
  /** Sessions of the course made here (its `sessions`); ignored with a course id. */
  sessions?: number;
  title?: string;
  /** The first session's local date is this many days before today (negative: still to come). */
  startedDaysAgo?: number;
  /** The first session's local date, `YYYY-MM-DD`; defaults to today (or `startedDaysAgo`). */
  startDate?: string;
  localTime?: string;
  timeZone?: string;
  cadence?: Spelling<SessionCadence>;
  /**
   * Sessions at this instant plus whole weeks (days when daily) in UTC, instead of the local time
   * the scheduler would keep across daylight-saving changes: for tests that pin instants.
   */
  firstSessionAt?: Date;
  capacity?: number;
  ceEligible?: boolean;
  /** `open` (default: scheduled), `scheduling` (no sessions yet), `completed` or `cancelled`. */
  status?: Spelling<CohortStatus>;
  /** When a completed cohort completed; defaults to its last session's end. */
  completedAt?: Date;
  teachers?: { userId: string; role: Spelling<TeacherRole> }[];
  createdBy?: string | null;
}

export interface TestSession {
  id: string;
  number: number;
  startsAt: Date;
  endsAt: Date;
}

export interface TestCohort {
  id: string;
  courseId: string;
  sessions: TestSession[];
}

export interface EnrollmentSpec {
  status?: Spelling<EnrollmentStatus>;
  requestCe?: boolean;
  licenseNumber?: string | null;
  /** Completed now (`true`), or at this time; only an enrolled person completes. */
  completed?: boolean | Date;
  enrolledAt?: Date;
  createdBy?: string | null;
}

export interface AttendanceSpec {
  /** Sessions 1..attended are `present` (default: every session), the rest `missed`. */
  attended?: number;
  missed?: Spelling<AttendanceStatus.Absent | AttendanceStatus.Excused>;
  /** Only the first `sessions` sessions are recorded (a cohort under way); default all. */
  sessions?: number;
  recordedBy?: string | null;
}

export interface RecordingSpec {
  practicumId: string;
  traineeId: string;
  cohortId: string;
  sessionNumber?: number;
  status?: 'processing' | 'awaiting_review' | 'reviewed' | 'rejected';
  /** Assigned for review (now, due in REVIEW_DUE_DAYS unless told), as the assignment job does. */
  reviewerId?: string | null;
  assignedAt?: Date;
  dueAt?: Date;
  createdAt?: Date;
  originalFilename?: string | null;
  storageKey?: string;
  mediaType?: string;
  sizeBytes?: number;
  sha256?: string;
  durationSeconds?: number;
  rejectionReason?: string;
}

let defaultHash: Promise<string> | undefined;

/** Short ways to make what a test needs: `factories.newUser({ roles: [Role.Admin] })`. */
export class Factories {
  private serial = 0;

  constructor(private readonly app: TestApp) {}

  private get db() {
    return this.app.db;
  }

  private passwordHash(): Promise<string> {
    defaultHash ??= this.app.get(PasswordHasher).hash(DEFAULT_PASSWORD);
    return defaultHash;
  }

  async newUser(
    input: { roles?: Role[]; email?: string; displayName?: string; timeZone?: string } = {},
  ): Promise<TestUser> {
    const email = input.email ?? `user-${randomUUID().slice(0, 8)}@example.org`;
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
       VALUES ($1, $2, $3, $4::text[], $5) RETURNING id`,
      [
        email,
        await this.passwordHash(),
        input.displayName ?? 'Test User',
        input.roles ?? [Role.Trainee],
        input.timeZone ?? 'UTC',
      ],
    );
    const accessToken = await this.app.get(AccessTokens).sign(row!.id);
    return {
      id: row!.id,
      email,
      displayName: input.displayName ?? 'Test User',
      roles: input.roles ?? [Role.Trainee],
      timeZone: input.timeZone ?? 'UTC',
      password: DEFAULT_PASSWORD,
      accessToken,
      auth: { Authorization: `Bearer ${accessToken}` },
    };
  }

  newAdmin(): Promise<TestUser> {
    return this.newUser({ roles: [Role.Admin], displayName: 'Test Admin' });
  }

  newMentor(): Promise<TestUser> {
    return this.newUser({ roles: [Role.Mentor], displayName: 'Test Mentor' });
  }

  newTrainee(): Promise<TestUser> {
    return this.newUser({ roles: [Role.Trainee], displayName: 'Test Trainee' });
  }

  /** `count` trainees in one statement ('Trainee 1'…, the default password); their ids in order. */
  async newTrainees(count: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
       SELECT 'trainee-' || n || '-' || gen_random_uuid() || '@example.org', $2,
              'Trainee ' || n, ARRAY['trainee'], 'UTC'
       FROM generate_series(1, $1::int) AS n ORDER BY n RETURNING id`,
      [count, await this.passwordHash()],
    );
    return rows.map((row) => row.id);
  }

  async course(spec: CourseSpec = {}): Promise<string> {
    this.serial += 1;
    const sessions = spec.sessions ?? 8;
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO courses (code, title, format, delivery_mode, session_count, session_minutes,
         completion_min_sessions, ce_hours, ce_accreditor, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        spec.code ?? `C${this.serial}-${randomUUID().slice(0, 6)}`,
        spec.title ?? 'Mindful Self-Compassion',
        spec.format ?? CourseFormat.Msc8Week,
        spec.deliveryMode ?? DeliveryMode.Online,
        sessions,
        spec.sessionMinutes ?? 150,
        spec.completionMinSessions ?? sessions,
        spec.ceHours ?? null,
        spec.ceAccreditor ?? null,
        spec.createdBy ?? null,
      ],
    );
    return row!.id;
  }

  /** A course's cohort with its sessions planned as the scheduling job plans them, and teachers. */
  async cohort(spec: CohortSpec = {}): Promise<TestCohort> {
    const courseId =
      typeof spec.course === 'string'
        ? spec.course
        : await this.course({ ...spec.course, sessions: spec.course?.sessions ?? spec.sessions });
    const [course] = await this.db.query<{ session_count: number; session_minutes: number }>(
      'SELECT session_count, session_minutes FROM courses WHERE id = $1',
      [courseId],
    );
    const cadence = spec.cadence ?? SessionCadence.Weekly;
    const timeZone = spec.timeZone ?? 'UTC';
    const first = spec.firstSessionAt;
    const startDate =
      spec.startDate ??
      (first ?? new Date(Date.now() - (spec.startedDaysAgo ?? 0) * DAY_MS))
        .toISOString()
        .slice(0, 10);
    const localTime = spec.localTime ?? (first ? first.toISOString().slice(11, 16) : '18:00');
    const status = spec.status ?? CohortStatus.Open;
    const planned =
      status === CohortStatus.Scheduling
        ? []
        : first
          ? Array.from({ length: course!.session_count }, (_, i) => {
              const startsAt = new Date(
                first.getTime() + i * (cadence === SessionCadence.Daily ? 1 : 7) * DAY_MS,
              );
              const endsAt = new Date(startsAt.getTime() + course!.session_minutes * 60_000);
              return { number: i + 1, startsAt, endsAt };
            })
          : planSessions({
              startDate,
              localTime,
              timeZone,
              cadence: cadence as SessionCadence,
              sessionCount: course!.session_count,
              sessionMinutes: course!.session_minutes,
            });
    const lastEnd = planned.at(-1)?.endsAt ?? new Date();
    const completedAt = status === CohortStatus.Completed ? (spec.completedAt ?? lastEnd) : null;
    const [cohort] = await this.db.query<{ id: string }>(
      `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
         ce_eligible, status, completed_at, cancelled_at, cancellation_reason, created_by)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10,
         CASE WHEN $9 = 'cancelled' THEN now() END, CASE WHEN $9 = 'cancelled' THEN 'Test' END,
         $11)
       RETURNING id`,
      [
        courseId,
        spec.title ?? 'Spring cohort',
        startDate,
        localTime,
        timeZone,
        cadence,
        spec.capacity ?? 100,
        spec.ceEligible ?? false,
        status,
        completedAt,
        spec.createdBy ?? null,
      ],
    );
    const sessions = await this.db.query<TestSession>(
      `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at)
       SELECT $1, n, s, e FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) AS p(n, s, e)
       RETURNING id, number, starts_at AS "startsAt", ends_at AS "endsAt"`,
      [
        cohort!.id,
        planned.map((s) => s.number),
        planned.map((s) => s.startsAt.toISOString()),
        planned.map((s) => s.endsAt.toISOString()),
      ],
    );
    await this.teachers(cohort!.id, spec.teachers ?? []);
    return { id: cohort!.id, courseId, sessions: sessions.sort((a, b) => a.number - b.number) };
  }

  /** The cohort's teachers, in one statement. */
  async teachers(
    cohortId: string,
    teachers: { userId: string; role: Spelling<TeacherRole> }[],
  ): Promise<void> {
    if (teachers.length === 0) return;
    await this.db.query(
      `INSERT INTO cohort_teachers (cohort_id, user_id, role)
       SELECT $1, u, r FROM unnest($2::uuid[], $3::text[]) AS t(u, r)`,
      [cohortId, teachers.map((t) => t.userId), teachers.map((t) => t.role)],
    );
  }

  /**
   * Enrolls the people alike in one statement; the enrollments' ids in the people's order. Enrolled
   * ones take seats of the cohort's counter, as enrollment does (capacity is not checked here).
   */
  async enrollments(
    cohortId: string,
    userIds: string[],
    spec: EnrollmentSpec = {},
  ): Promise<string[]> {
    const status = spec.status ?? EnrollmentStatus.Enrolled;
    const completed = status === EnrollmentStatus.Enrolled ? (spec.completed ?? false) : false;
    const rows = await this.db.query<{ id: string }>(
      `WITH added AS (
         INSERT INTO enrollments (cohort_id, user_id, status, request_ce, license_number,
           enrolled_at, waitlisted_at, withdrawn_at, completed_at, created_by)
         SELECT $1, u.id, $2, $3, $4,
                CASE WHEN $2 <> 'waitlisted' THEN coalesce($5::timestamptz, now()) END,
                CASE WHEN $2 = 'waitlisted' THEN coalesce($5::timestamptz, now()) END,
                CASE WHEN $2 = 'withdrawn' THEN now() END, $6::timestamptz, $7
         FROM unnest($8::uuid[]) WITH ORDINALITY AS u(id, n) ORDER BY u.n RETURNING id),
       seats AS (
         UPDATE cohorts SET seats_taken = seats_taken + (SELECT count(*) FROM added)
         WHERE id = $1 AND $2 = 'enrolled')
       SELECT id FROM added`,
      [
        cohortId,
        status,
        spec.requestCe ?? false,
        spec.licenseNumber ?? null,
        spec.enrolledAt ?? null,
        completed === true ? new Date() : completed || null,
        spec.createdBy ?? null,
        userIds,
      ],
    );
    return rows.map((row) => row.id);
  }

  async enrollment(cohortId: string, userId: string, spec: EnrollmentSpec = {}): Promise<string> {
    const [id] = await this.enrollments(cohortId, [userId], spec);
    return id!;
  }

  /** The people's attendance at the cohort's sessions, in one statement. */
  async attendance(cohortId: string, userIds: string[], spec: AttendanceSpec = {}): Promise<void> {
    await this.db.query(
      `INSERT INTO attendance_records (session_id, cohort_id, user_id, status, recorded_by)
       SELECT s.id, s.cohort_id, u, CASE WHEN s.number <= $3 THEN 'present' ELSE $4 END, $6
       FROM cohort_sessions s CROSS JOIN unnest($2::uuid[]) AS u
       WHERE s.cohort_id = $1 AND s.number <= $5`,
      [
        cohortId,
        userIds,
        spec.attended ?? 2 ** 31 - 1,
        spec.missed ?? AttendanceStatus.Absent,
        spec.sessions ?? 2 ** 31 - 1,
        spec.recordedBy ?? null,
      ],
    );
  }

  /**
   * A completed course of the MSC kind (8 sessions) the trainee completed at `completedAt`
   * (default: now), enrolled a week before the first session.
   */
  async completedCourse(
    userId: string,
    completedAt = new Date(),
    course: CourseSpec = {},
  ): Promise<TestCohort> {
    const sessions = course.sessions ?? 8;
    const first = new Date(completedAt.getTime() - (sessions - 1) * 7 * DAY_MS - 150 * 60_000);
    const cohort = await this.cohort({
      course: { completionMinSessions: Math.max(1, sessions - 1), ...course, sessions },
      firstSessionAt: first,
      status: CohortStatus.Completed,
      completedAt,
    });
    await this.enrollment(cohort.id, userId, {
      enrolledAt: new Date(first.getTime() - 7 * DAY_MS),
      completed: completedAt,
    });
    return cohort;
  }

  /** A practice log entry on each of the `days` days up to today (UTC). */
  async practiceDays(userId: string, days: number, minutes = 20): Promise<void> {
    await this.db.query(
      `INSERT INTO practice_logs (user_id, practiced_on, minutes, practice)
       SELECT $1, (now() AT TIME ZONE 'UTC')::date - n, $3, 'sitting'
       FROM generate_series(0, $2::int - 1) AS n`,
      [userId, days, minutes],
    );
  }

  async practicum(spec: {
    traineeId: string;
    mentorId: string;
    status?: 'active' | 'closed';
    createdBy?: string | null;
  }): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO practicums (trainee_id, mentor_id, status, closed_at, created_by)
       VALUES ($1, $2, $3, CASE WHEN $3 = 'closed' THEN now() END, $4) RETURNING id`,
      [spec.traineeId, spec.mentorId, spec.status ?? 'active', spec.createdBy ?? null],
    );
    return row!.id;
  }

  /** A teaching recording as the upload, the probe and the reviewer assignment leave it. */
  async recording(spec: RecordingSpec): Promise<string> {
    const status = spec.status ?? (spec.reviewerId ? 'awaiting_review' : 'processing');
    const probed = status !== 'processing';
    const assignedAt = spec.reviewerId ? (spec.assignedAt ?? new Date()) : null;
    const dueAt = assignedAt
      ? (spec.dueAt ?? new Date(assignedAt.getTime() + REVIEW_DUE_DAYS * DAY_MS))
      : null;
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO teaching_recordings (practicum_id, trainee_id, cohort_id, session_number,
         status, storage_key, media_type, original_filename, size_bytes, sha256, container,
         duration_seconds, rejection_reason, consent_confirmed_at, reviewer_id, review_assigned_at,
         review_due_at, reviewed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $17, $14, $15, $16,
         CASE WHEN $5 = 'reviewed' THEN now() END, $17)
       RETURNING id`,
      [
        spec.practicumId,
        spec.traineeId,
        spec.cohortId,
        spec.sessionNumber ?? 1,
        status,
        spec.storageKey ?? `recordings/${randomUUID()}`,
        spec.mediaType ?? 'audio/wav',
        spec.originalFilename ?? null,
        spec.sizeBytes ?? 4_800_044,
        spec.sha256 ?? 'a'.repeat(64),
        probed ? 'WAVE' : null,
        probed ? (spec.durationSeconds ?? 600) : null,
        status === 'rejected' ? (spec.rejectionReason ?? 'too_short') : null,
        spec.reviewerId ?? null,
        assignedAt,
        dueAt,
        spec.createdAt ?? new Date(),
      ],
    );
    return row!.id;
  }

  /** The reviewer's review of a recording (comments aside), as a submitted review leaves it. */
  async mentorReview(
    recordingId: string,
    reviewerId: string,
    review: {
      outcome?: 'competent' | 'needs_work';
      scores?: Record<string, string>;
      summary?: string;
    } = {},
  ): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO mentor_reviews (recording_id, reviewer_id, scores, outcome, summary)
       VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`,
      [
        recordingId,
        reviewerId,
        JSON.stringify(
          review.scores ?? Object.fromEntries(RUBRIC_DOMAINS.map((d) => [d, 'competent'])),
        ),
        review.outcome ?? 'competent',
        review.summary ?? 'Summary',
      ],
    );
    return row!.id;
  }

  /** A submitted teacher-training application, as the trainee's POST leaves it. */
  async application(userId: string, statement = 'I am ready to teach.'): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO applications (user_id, kind, statement) VALUES ($1, 'teacher_training', $2)
       RETURNING id`,
      [userId, statement],
    );
    return row!.id;
  }

  /** A pending attestation without evidence (the evidence store is not involved). */
  async attestation(
    userId: string,
    kind: Spelling<AttestationKind> = AttestationKind.GroupTeaching,
    statement = 'I have taught groups.',
  ): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO attestations (user_id, kind, statement) VALUES ($1, $2, $3) RETURNING id',
      [userId, kind, statement],
    );
    return row!.id;
  }

  /** A pending certification request for the designation. */
  async certificationRequest(
    traineeId: string,
    designation: Spelling<Designation> = Designation.TrainedTeacher,
  ): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO certification_requests (trainee_id, designation) VALUES ($1, $2) RETURNING id',
      [traineeId, designation],
    );
    return row!.id;
  }

  /**
   * The requirements judged for the trainee by the registered evaluators, as progress judges them
   * (one statement, on the test database), by key. They are judged beside the trainee's pinned
   * version, if any, so that a requirement may point at one of its own (`during`).
   */
  async judge(
    traineeId: string,
    requirements: RequirementDefinition[],
    now = new Date(),
  ): Promise<Map<string, RequirementResult>> {
    const stages = [{ key: 'judged', title: 'Judged', requirements }];
    const [pinned] = await this.db.query<{ stages: StageDefinition[] }>(
      `SELECT v.stages FROM trainee_pathways tp
       JOIN pathway_versions v ON v.id = tp.pathway_version_id WHERE tp.trainee_id = $1`,
      [traineeId],
    );
    const [stage] = await evaluateStages(
      this.app.get(EvaluatorRegistry),
      stages,
      { traineeId, now, pathway: [...(pinned?.stages ?? []), ...stages] },
      async (sql, params) => (await this.db.query<Record<string, unknown>>(sql, params))[0]!,
    );
    return new Map(stage!.requirements.map(({ definition, result }) => [definition.key, result]));
  }

  /**
   * Every requirement of these kinds met for everyone (the other kinds judged for real) until the
   * returned function is called.
   */
  meetRequirements(...kinds: RequirementKind[]): () => void {
    const registry = this.app.get(EvaluatorRegistry);
    const restores = kinds.map((kind) =>
      registry.override({
        kind,
        evidence: () => ({}),
        judge: ({ requirements }) => new Map(requirements.map((r) => [r.key, met()])),
      }),
    );
    return () => restores.reverse().forEach((restore) => restore());
  }

  /**
   * Every pathway requirement met for everyone but those of the kinds given (judged for real) and
   * `time_since`, which the engine derives from the dates the others report.
   */
  meetRequirementsExcept(...kinds: RequirementKind[]): () => void {
    const judged = new Set([...kinds, RequirementKind.TimeSince]);
    return this.meetRequirements(...Object.values(RequirementKind).filter((k) => !judged.has(k)));
  }
}

function met(): RequirementResult {
  return { met: true, have: 1, need: 1, detail: 'met in the test', metAt: new Date('2024-01-01') };
}
