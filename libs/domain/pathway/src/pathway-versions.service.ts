import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import { EvaluatorRegistry } from './evaluator-registry.js';
import { PathwayError, PathwayErrorCode } from './pathway.errors.js';
import { validateStages } from './pathway-validation.js';
import {
  type PathwayVersionRow,
  PathwayVersionsRepository,
} from './pathway-versions.repository.js';
import { DEFAULT_PATHWAY_KEY } from './progress.service.js';
import type { StageDefinition } from './requirement.js';

export interface PathwayVersionView {
  id: string;
  key: string;
  version: number;
  title: string;
  stages: StageDefinition[];
  publishedAt: string | null;
  createdBy: string | null;
  /** How many trainees are pinned to this version. */
  traineeCount: number;
}

const toView = (row: PathwayVersionRow & { trainee_count?: string }): PathwayVersionView => ({
  id: row.id,
  key: row.key,
  version: row.version,
  title: row.title,
  stages: row.stages,
  publishedAt: row.published_at?.toISOString() ?? null,
  createdBy: row.created_by,
  traineeCount: Number(row.trainee_count ?? 0),
});

/** Admins publish pathway versions; published versions are never edited. */
@Injectable()
export class PathwayVersionsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly versions: PathwayVersionsRepository,
    private readonly registry: EvaluatorRegistry,
    private readonly audit: AuditLog,
  ) {}

  /** Publishes the next version of a pathway; trainees pinned to earlier versions stay there. */
  async publish(
    admin: Actor,
    input: { key?: string; title: string; stages: StageDefinition[] },
  ): Promise<PathwayVersionView> {
    const stages = input.stages.map((stage) => ({
      key: stage.key,
      title: stage.title.trim(),
      ...(stage.designation ? { designation: stage.designation } : {}),
      requirements: stage.requirements.map((r) => ({
        key: r.key,
        kind: r.kind,
        title: r.title.trim(),
        params: r.params ?? {},
      })),
    }));
    const problems = validateStages(stages, this.registry);
    if (problems.length) {
      throw new PathwayError(
        PathwayErrorCode.InvalidVersion,
        problems.length === 1
          ? `${problems[0]!.field}: ${problems[0]!.message}`
          : `${problems.length} problems with the stages`,
        { errors: problems },
      );
    }
    const key = input.key ?? DEFAULT_PATHWAY_KEY;
    return this.tx.transaction(async () => {
      const row = await this.versions.insertNext({
        key,
        title: input.title.trim(),
        stages,
        createdBy: admin.id,
      });
      await this.audit.record({
        actorId: admin.id,
        action: 'pathway_version.published',
        subject: `pathway_version/${row.id}`,
        details: { key: row.key, version: row.version },
      });
      return toView(row);
    });
  }

  async list(query: {
    key?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: PathwayVersionView[]; total: number }> {
    const { items, total } = await this.versions.list(query);
    return { items: items.map(toView), total };
  }

  async get(id: string): Promise<PathwayVersionView> {
    const row = await this.versions.findById(id);
    if (!row) {
      throw new PathwayError(PathwayErrorCode.VersionNotFound, 'No pathway version has this id');
    }
    return toView(row);
  }
}
