import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { RubricScores } from './practicum.config.js';

export enum ReviewOutcome {
  Competent = 'competent',
  NeedsWork = 'needs_work',
}

/** A mentor's rubric review of a teaching recording; the latest one of a recording counts. */
@Entity('mentor_reviews')
@Index('mentor_reviews_recording_created_idx', ['recordingId', 'createdAt'])
@Index('mentor_reviews_reviewer_id_idx', ['reviewerId'])
export class MentorReview {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  recordingId: string;

  @Column('uuid')
  reviewerId: string;

  @Column('jsonb')
  scores: RubricScores;

  @Column('text')
  outcome: ReviewOutcome;

  @Column('text')
  summary: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A time-stamped remark of a review, at a point of the recording. */
@Entity('review_comments')
@Unique('review_comments_review_position_key', ['reviewId', 'position'])
export class ReviewComment {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid')
  reviewId: string;

  @Column('integer')
  position: number;

  @Column('numeric', { precision: 10, scale: 3 })
  atSeconds: string;

  @Column('text')
  text: string;
}
