import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { RequirementDefinition } from './requirement.js';

/** Pathway's reads for the contexts above it: each one statement. */
@Injectable()
export class PathwayReads {
  constructor(private readonly tx: TransactionHost) {}

  /** Requirements of the trainee's pinned pathway version with these keys (none when unpinned). */
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
}
