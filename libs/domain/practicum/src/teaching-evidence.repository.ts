import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { RequirementDefinition } from '@msc/domain/pathway';
import type { RubricScores } from './practicum.config.js';
import type { LoggedSession, TaughtCourse } from './teaching-evidence.js';

/** What the practicum's evaluators read: one set-based query each, whatever the requirements. */
@Injectable()
export class TeachingEvidenceRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Every completed cohort the trainee taught, with its enrolled count and its time span. */
  async coursesTaught(traineeId: string): Promise<TaughtCourse[]> {
    const rows = await this.tx.query<{
      cohort_id: string;
      format: string;
      role: string;
      participants: string;
      starts_at: Date | null;
      ends_at: Date | null;
    }>(
      `SELECT c.id AS cohort_id, co.format, t.role,
              (SELECT count(*) FROM enrollments e WHERE e.cohort_id = c.id AND e.status = 'enrolled') AS participants,
              COALESCE(span.first_start, c.start_date::timestamptz) AS starts_at,
              COALESCE(span.last_end, c.completed_at) AS ends_at
       FROM cohort_teachers t
       JOIN cohorts c ON c.id = t.cohort_id
       JOIN courses co ON co.id = c.course_id
       LEFT JOIN LATERAL (
         SELECT min(s.starts_at) AS first_start, max(s.ends_at) AS last_end
         FROM cohort_sessions s WHERE s.cohort_id = c.id
       ) span ON true
       WHERE t.user_id = $1 AND c.status = 'completed'`,
      [traineeId],
    );
    return rows
      .filter((r) => r.starts_at && r.ends_at)
      .map((r) => ({
        cohortId: r.cohort_id,
        format: r.format,
        role: r.role,
        participants: Number(r.participants),
        startsAt: r.starts_at!,
        endsAt: r.ends_at!,
      }));
  }

  /** The trainee's logged practicum sessions of these kinds, across all their practicums. */
  async sessions(traineeId: string, kinds: string[]): Promise<LoggedSession[]> {
    const rows = await this.tx.query<{ kind: string; held_at: Date; minutes: number }>(
      `SELECT s.kind, s.held_at, s.minutes
       FROM practicums p JOIN practicum_sessions s ON s.practicum_id = p.id
       WHERE p.trainee_id = $1 AND s.kind = ANY($2::text[])`,
      [traineeId, kinds],
    );
    return rows.map((r) => ({ kind: r.kind, heldAt: r.held_at, minutes: r.minutes }));
  }

  /** Requirements of the trainee's pinned pathway version, by key (what `during` points at). */
  async pinnedRequirements(traineeId: string, keys: string[]): Promise<RequirementDefinition[]> {
    const rows = await this.tx.query<{ requirement: RequirementDefinition }>(
      `SELECT r.value AS requirement
       FROM trainee_pathways tp
       JOIN pathway_versions pv ON pv.id = tp.pathway_version_id
       CROSS JOIN LATERAL jsonb_array_elements(pv.stages) stage
       CROSS JOIN LATERAL jsonb_array_elements(stage.value -> 'requirements') r
       WHERE tp.trainee_id = $1 AND r.value ->> 'key' = ANY($2::text[])`,
      [traineeId, keys],
    );
    return rows.map((r) => r.requirement);
  }

  /** The latest review of each of the trainee's reviewed recordings. */
  async latestReviews(traineeId: string): Promise<{ scores: RubricScores; reviewedAt: Date }[]> {
    const rows = await this.tx.query<{ scores: RubricScores; created_at: Date }>(
      `SELECT DISTINCT ON (r.id) mr.scores, mr.created_at
       FROM teaching_recordings r
       JOIN mentor_reviews mr ON mr.recording_id = r.id
       WHERE r.trainee_id = $1 AND r.status = 'reviewed'
       ORDER BY r.id, mr.created_at DESC, mr.id DESC`,
      [traineeId],
    );
    return rows.map((r) => ({ scores: r.scores, reviewedAt: r.created_at }));
  }
}
