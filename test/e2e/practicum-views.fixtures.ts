import type { TestApp } from '@msc/testing';
import { insertCohort } from './practicum.fixtures.js';

export const DAY = 86_400_000;

export const SCORES = {
  coverage_pacing: 'competent',
  relational_skills: 'proficient',
  embodiment: 'competent',
  guiding_practices: 'advanced',
  inquiry: 'competent',
  holding_the_group: 'competent',
};

/** A practicum straight in SQL. */
export async function insertPracticum(
  app: TestApp,
  traineeId: string,
  mentorId: string,
  status: 'active' | 'closed' = 'active',
): Promise<string> {
  const [row] = await app.db.query<{ id: string }>(
    `INSERT INTO practicums (trainee_id, mentor_id, status, closed_at)
     VALUES ($1, $2, $3, CASE WHEN $3 = 'closed' THEN now() END) RETURNING id`,
    [traineeId, mentorId, status],
  );
  return row!.id;
}

/** A cohort (with weekly sessions) whose course and cohort carry the given titles. */
export async function insertTitledCohort(
  app: TestApp,
  titles: { course: string; cohort: string },
  teachers: { userId: string; role: 'lead' | 'co_teacher' }[] = [],
): Promise<string> {
  const cohortId = await insertCohort(app, {
    startsAt: new Date('2026-01-05T18:00:00Z'),
    status: 'open',
    teachers,
  });
  await app.db.query('UPDATE cohorts SET title = $2 WHERE id = $1', [cohortId, titles.cohort]);
  await app.db.query(
    'UPDATE courses SET title = $2 WHERE id = (SELECT course_id FROM cohorts WHERE id = $1)',
    [cohortId, titles.course],
  );
  return cohortId;
}

/**
 * A recording straight in SQL, as the probe and the assignment would leave it: `awaiting_review`
 * with a reviewer assigned `assignedDaysAgo` and due `dueInDays` from now, or `reviewed` with a
 * review of the given outcome.
 */
export async function insertRecording(
  app: TestApp,
  input: {
    practicumId: string;
    traineeId: string;
    cohortId: string;
    sessionNumber?: number;
    status?: 'processing' | 'awaiting_review' | 'reviewed' | 'rejected';
    reviewerId?: string | null;
    assignedDaysAgo?: number;
    dueInDays?: number;
    outcome?: 'competent' | 'needs_work';
    createdMinutesAgo?: number;
  },
): Promise<string> {
  const status = input.status ?? 'awaiting_review';
  const assigned = status === 'awaiting_review' || status === 'reviewed';
  const now = Date.now();
  const assignedAt = assigned ? new Date(now - (input.assignedDaysAgo ?? 1) * DAY) : null;
  const dueAt = assigned ? new Date(now + (input.dueInDays ?? 9) * DAY) : null;
  const [row] = await app.db.query<{ id: string }>(
    `INSERT INTO teaching_recordings (practicum_id, trainee_id, cohort_id, session_number, status,
       storage_key, media_type, original_filename, size_bytes, sha256, duration_seconds,
       rejection_reason, consent_confirmed_at, reviewer_id, review_assigned_at, review_due_at,
       reviewed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'recordings/' || gen_random_uuid(), 'audio/wav', 'session.wav',
       1000, repeat('a', 64), 600, CASE WHEN $5 = 'rejected' THEN 'too_short' END, now(), $6, $7, $8,
       CASE WHEN $5 = 'reviewed' THEN now() END, now() - ($9 || ' minutes')::interval)
     RETURNING id`,
    [
      input.practicumId,
      input.traineeId,
      input.cohortId,
      input.sessionNumber ?? 1,
      status,
      assigned ? (input.reviewerId ?? null) : null,
      assignedAt,
      dueAt,
      String(input.createdMinutesAgo ?? 0),
    ],
  );
  if (status === 'reviewed') {
    await app.db.query(
      `INSERT INTO mentor_reviews (recording_id, reviewer_id, scores, outcome, summary)
       VALUES ($1, $2, $3::jsonb, $4, 'Summary')`,
      [row!.id, input.reviewerId, JSON.stringify(SCORES), input.outcome ?? 'competent'],
    );
  }
  return row!.id;
}
