import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import type { ReviewOutcome } from './mentor-review.entity.js';
import type { RubricScores } from './practicum.config.js';

export interface ReviewRow {
  id: string;
  recording_id: string;
  reviewer_id: string;
  scores: RubricScores;
  outcome: ReviewOutcome;
  summary: string;
  created_at: Date;
  reviewer_name: string | null;
  /** By time in the recording. */
  comments: { atSeconds: number; text: string }[];
}

/** Mentor reviews with their time-stamped comments. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the review and all its comments in two statements. */
  async insert(input: {
    recordingId: string;
    reviewerId: string;
    scores: RubricScores;
    outcome: ReviewOutcome;
    summary: string;
    comments: { atSeconds: number; text: string }[];
  }): Promise<string> {
    const [review] = await this.tx.query<{ id: string }>(
      `INSERT INTO mentor_reviews (recording_id, reviewer_id, scores, outcome, summary)
       VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`,
      [
        input.recordingId,
        input.reviewerId,
        JSON.stringify(input.scores),
        input.outcome,
        input.summary,
      ],
    );
    if (input.comments.length > 0) {
      await this.tx.query(
        `INSERT INTO review_comments (review_id, position, at_seconds, text)
         SELECT $1, c.position, c.at_seconds, c.text
         FROM unnest($2::int[], $3::numeric[], $4::text[]) AS c(position, at_seconds, text)`,
        [
          review!.id,
          input.comments.map((_, i) => i),
          input.comments.map((c) => c.atSeconds),
          input.comments.map((c) => c.text),
        ],
      );
    }
    return review!.id;
  }

  async latestOf(recordingId: string): Promise<ReviewRow | null> {
    const rows = await this.tx.query<ReviewRow>(
      `SELECT r.id, r.recording_id, r.reviewer_id, r.scores, r.outcome, r.summary, r.created_at,
              u.display_name AS reviewer_name,
              COALESCE((SELECT json_agg(json_build_object('atSeconds', c.at_seconds::float8, 'text', c.text)
                                        ORDER BY c.at_seconds, c.position)
                        FROM review_comments c WHERE c.review_id = r.id), '[]'::json) AS comments
       FROM mentor_reviews r LEFT JOIN ${PEOPLE} u ON u.id = r.reviewer_id
       WHERE r.recording_id = $1
       ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
      [recordingId],
    );
    return rows[0] ?? null;
  }
}
