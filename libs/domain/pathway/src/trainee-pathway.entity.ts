import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The pathway version a trainee is pinned to: set on first use, never moved by a new version. */
@Entity('trainee_pathways')
@Index('trainee_pathways_version_idx', ['pathwayVersionId'])
export class TraineePathway {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_trainee_pathways' })
  @ForeignKey('users', { name: 'trainee_pathways_trainee_fk', onDelete: 'CASCADE' })
  traineeId: string;

  @Column('uuid')
  @ForeignKey('pathway_versions', { name: 'trainee_pathways_version_fk', onDelete: 'RESTRICT' })
  pathwayVersionId: string;

  @Column('timestamptz', { default: () => 'now()' })
  startedAt: Date;
}
