import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { CourseReads } from '@msc/domain/courses';
import { PathwayReads, type RequirementDefinition } from '@msc/domain/pathway';
import type { RubricScores } from './practicum.config.js';
import type { LoggedSession, TaughtCourse } from './teaching-evidence.js';

/**
 * What the practicum's evaluators read: one set-based query each, whatever the requirements; the
 * courses taught and the pinned requirements through their owners' read ports.
 */
@Injectable()
export class TeachingEvidenceRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly courses: CourseReads,
    private readonly pathway: PathwayReads,
  ) {}

  /** Every completed cohort the trainee taught, with its enrolled count and its time span. */
  async coursesTaught(traineeId: string): Promise<TaughtCourse[]> {
    const rows = await this.courses.completedCohortsTaughtBy(traineeId);
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
    return this.pathway.pinnedRequirements(traineeId, keys);
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
