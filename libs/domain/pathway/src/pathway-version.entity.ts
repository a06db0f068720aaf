import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { StageDefinition } from './requirement.js';

/**
 * One published version of a pathway: its ordered stages and their requirements, as data.
 * Immutable once published; a change is a new version, so that pinned trainees never move.
 */
@Entity('pathway_versions')
@Unique('pathway_versions_key_version_uq', ['key', 'version'])
@Index('pathway_versions_published_idx', ['key', 'publishedAt'])
@Check('pathway_versions_stages_array', `jsonb_typeof("stages") = 'array'`)
@Check('pathway_versions_version_positive', '"version" > 0')
export class PathwayVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_pathway_versions' })
  id: string;

  /** Which pathway, e.g. `msc-teacher`; versions of one key succeed each other. */
  @Column('text')
  key: string;

  @Column('int')
  version: number;

  @Column('text')
  title: string;

  @Column('jsonb')
  stages: StageDefinition[];

  @Column('timestamptz', { nullable: true, default: () => 'now()' })
  publishedAt: Date | null;

  /** The admin who published it (no foreign key: the version outlives the account). */
  @Column('uuid', { nullable: true })
  createdBy: string | null;
}
