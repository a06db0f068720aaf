import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { RubricScores } from './practicum.config.js';

export enum ReviewOutcome {
  Competent = 'competent',
  NeedsWork = 'needs_work',
}

/** A mentor's rubric review of a teaching recording; the latest one of a recording counts. */
@Entity('mentor_reviews')
// On (recording_id, created_at DESC): TypeORM cannot declare a column's order, so the migration
// CreatePracticum creates it and the schema builder leaves it alone.
@Index('mentor_reviews_recording_created_idx', { synchronize: false })
@Index('mentor_reviews_reviewer_id_idx', ['reviewerId'])
@Check('mentor_reviews_outcome_check', `"outcome" IN ('competent', 'needs_work')`)
@Check('mentor_reviews_scores_check', `jsonb_typeof("scores") = 'object'`)
export class MentorReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mentor_reviews_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('teaching_recordings', {
    name: 'mentor_reviews_recording_id_fkey',
    onDelete: 'CASCADE',
  })
  recordingId: string;

  @Column('uuid')
  @ForeignKey('users', { name: 'mentor_reviews_reviewer_id_fkey', onDelete: 'RESTRICT' })
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
@Check('review_comments_at_seconds_check', '"at_seconds" >= 0')
export class ReviewComment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_comments_pkey' })
  id: string;

  @Column('uuid')
  @ForeignKey('mentor_reviews', { name: 'review_comments_review_id_fkey', onDelete: 'CASCADE' })
  reviewId: string;

  @Column('integer')
  position: number;

  @Column('numeric', { precision: 10, scale: 3 })
  atSeconds: string;

  @Column('text')
  text: string;
}
