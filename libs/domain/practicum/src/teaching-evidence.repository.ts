import { Injectable } from '@nestjs/common';
import { courseSql } from '@msc/domain/courses';
import { evidenceRows, jsonDate } from '@msc/domain/pathway';
import type { RubricScores } from './practicum.config.js';
import type { LoggedSession, TaughtCourse } from './teaching-evidence.js';

/** A completed cohort the trainee taught, as the progress statement reads it. */
export interface TaughtJson {
  cohort_id: string;
  format: string;
  role: string;
  participants: number;
  starts_at: string | null;
  ends_at: string | null;
}

/** A logged practicum session, as the progress statement reads it. */
export interface SessionJson {
  kind: string;
  held_at: string;
  minutes: number;
}

/** The latest review of a reviewed recording, as the progress statement reads it. */
export interface ReviewJson {
  scores: RubricScores;
  created_at: string;
}

/**
 * What the practicum's evaluators read, as parts of the progress statement (see EvidenceSql): one
 * set-based subquery each, whatever the requirements; the courses taught through the SQL courses
 * lends (its tables are its own). Arguments are SQL placeholders; the decoders turn the JSON back
 * into the evidence the tallies count.
 */
@Injectable()
export class TeachingEvidenceRepository {
  /**
   * Every completed cohort the trainee taught. The same SQL for every evaluator that asks, so the
   * statement reads it once.
   */
  coursesTaughtSql(traineeId: string): string {
    return evidenceRows(courseSql.completedCohortsTaughtBy(traineeId));
  }

  coursesTaught(rows: readonly TaughtJson[]): TaughtCourse[] {
    return rows
      .filter((r) => r.starts_at && r.ends_at)
      .map((r) => ({
        cohortId: r.cohort_id,
        format: r.format,
        role: r.role,
        participants: Number(r.participants),
        startsAt: new Date(r.starts_at!),
        endsAt: new Date(r.ends_at!),
      }));
  }

  /** The trainee's logged practicum sessions of these kinds (`text[]`), across all their practicums. */
  sessionsSql(traineeId: string, kinds: string): string {
    return evidenceRows(
      `SELECT s.kind, s.held_at, s.minutes
       FROM practicums p JOIN practicum_sessions s ON s.practicum_id = p.id
       WHERE p.trainee_id = ${traineeId} AND s.kind = ANY(${kinds})`,
    );
  }

  sessions(rows: readonly SessionJson[]): LoggedSession[] {
    return rows.map((r) => ({ kind: r.kind, heldAt: new Date(r.held_at), minutes: r.minutes }));
  }

  /** The latest review of each of the trainee's reviewed recordings. */
  latestReviewsSql(traineeId: string): string {
    return evidenceRows(
      `SELECT DISTINCT ON (r.id) mr.scores, mr.created_at
       FROM teaching_recordings r
       JOIN mentor_reviews mr ON mr.recording_id = r.id
       WHERE r.trainee_id = ${traineeId} AND r.status = 'reviewed'
       ORDER BY r.id, mr.created_at DESC, mr.id DESC`,
    );
  }

  latestReviews(rows: readonly ReviewJson[]): { scores: RubricScores; reviewedAt: Date }[] {
    return rows.map((r) => ({ scores: r.scores, reviewedAt: jsonDate(r.created_at)! }));
  }
}
