import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The pathway version a trainee is pinned to: set on first use, never moved by a new version. */
@Entity('trainee_pathways')
@Index('trainee_pathways_version_idx', ['pathwayVersionId'])
export class TraineePathway {
  @PrimaryColumn('uuid')
  traineeId: string;

  @Column('uuid')
  pathwayVersionId: string;

  @Column('timestamptz', { default: () => 'now()' })
  startedAt: Date;
}
