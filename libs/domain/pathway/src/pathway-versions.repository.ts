import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { PEOPLE } from '@msc/domain/identity';
import type { StageDefinition } from './requirement.js';

export interface PathwayVersionRow {
  id: string;
  key: string;
  version: number;
  title: string;
  stages: StageDefinition[];
  published_at: Date | null;
  created_by: string | null;
}

export interface PinnedVersionRow extends PathwayVersionRow {
  started_at: Date;
}

const COLUMNS = 'v.id, v.key, v.version, v.title, v.stages, v.published_at, v.created_by';

type PinnedRow = Omit<PinnedVersionRow, 'stages'> & { stages?: StageDefinition[] };

/** The pin, with the version's stages (`unknown`: not read by this process yet) or without. */
function pinStatement(withStages: boolean): string {
  return `WITH latest AS (
         SELECT id FROM pathway_versions
         WHERE key = $2 AND published_at IS NOT NULL AND published_at <= now()
         ORDER BY version DESC LIMIT 1
       ), pinned AS (
         INSERT INTO trainee_pathways (trainee_id, pathway_version_id)
         SELECT u.id, latest.id FROM ${PEOPLE} u CROSS JOIN latest
         WHERE u.id = $1 AND 'trainee' = ANY(u.roles)
           AND NOT EXISTS (SELECT 1 FROM trainee_pathways WHERE trainee_id = $1)
         ON CONFLICT (trainee_id) DO NOTHING
         RETURNING pathway_version_id, started_at
       ), chosen AS (
         SELECT pathway_version_id, started_at FROM pinned
         UNION ALL
         SELECT pathway_version_id, started_at FROM trainee_pathways WHERE trainee_id = $1
       )
       SELECT v.id, v.key, v.version, v.title, v.published_at, v.created_by,
              chosen.started_at${withStages ? ', v.stages' : ''}
       FROM chosen JOIN pathway_versions v ON v.id = chosen.pathway_version_id
       LIMIT 1`;
}

const PIN = { known: pinStatement(false), unknown: pinStatement(true) } as const;

/** Pathway versions and the pin of each trainee to one of them. */
@Injectable()
export class PathwayVersionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The stages of the versions read so far, by version id: a published version never changes, so
   * the pin on the hot path reads its JSON once per process, not on every request.
   */
  private readonly stagesById = new Map<string, StageDefinition[]>();

  /**
   * The version the trainee is pinned to, pinning them first to the latest published version of
   * `key` (only a user holding the trainee role is pinned). One statement (prepared); null when
   * there is no such trainee, no published version, or a concurrent first pin won the race. It
   * names the version's stages only while this process has not read them yet.
   */
  async pin(traineeId: string, key: string, known = true): Promise<PinnedVersionRow | null> {
    const rows = await this.tx.query<PinnedRow>(
      PIN[known ? 'known' : 'unknown'],
      [traineeId, key],
      {
        prepare: true,
      },
    );
    const row = rows[0];
    if (!row) return null;
    const stages = row.stages ?? this.stagesById.get(row.id);
    if (!stages) return this.pin(traineeId, key, false);
    if (row.stages) this.stagesById.set(row.id, row.stages);
    return { ...row, stages };
  }

  /** Why `pin` found nothing: whether the user exists as a trainee and a version is published. */
  async pinBlockers(
    traineeId: string,
    key: string,
  ): Promise<{ trainee: boolean; published: boolean }> {
    const rows = await this.tx.query<{ trainee: boolean; published: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${PEOPLE} u WHERE u.id = $1 AND 'trainee' = ANY(u.roles)) AS trainee,
              EXISTS (SELECT 1 FROM pathway_versions
                      WHERE key = $2 AND published_at IS NOT NULL AND published_at <= now()) AS published`,
      [traineeId, key],
    );
    return rows[0]!;
  }

  async findById(id: string): Promise<(PathwayVersionRow & { trainee_count: string }) | null> {
    const rows = await this.tx.query<PathwayVersionRow & { trainee_count: string }>(
      `SELECT ${COLUMNS},
              (SELECT count(*) FROM trainee_pathways tp WHERE tp.pathway_version_id = v.id) AS trainee_count
       FROM pathway_versions v WHERE v.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: {
    key?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: (PathwayVersionRow & { trainee_count: string })[]; total: number }> {
    return this.tx.page<PathwayVersionRow & { trainee_count: string }>(
      {
        sql: `SELECT v.id, v.key, v.version FROM pathway_versions v
              WHERE ($1::text IS NULL OR v.key = $1)`,
        params: [filter.key ?? null],
        orderBy: 'key, version DESC',
        // The version's stages and how many trainees it holds, for the page's versions only.
        perRow: {
          joins: `JOIN pathway_versions v ON v.id = page.id
                  CROSS JOIN LATERAL (SELECT count(*) AS trainee_count FROM trainee_pathways tp
                                      WHERE tp.pathway_version_id = v.id) tp`,
          columns: `${COLUMNS}, tp.trainee_count`,
        },
      },
      filter,
    );
  }

  /**
   * Publishes the next version of `key` now. Call inside a transaction: the advisory lock
   * serializes publishers of one key until commit, so two of them never pick the same number.
   */
  async insertNext(input: {
    key: string;
    title: string;
    stages: StageDefinition[];
    createdBy: string;
  }): Promise<PathwayVersionRow> {
    await this.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pathway:${input.key}`]);
    const rows = await this.tx.query<PathwayVersionRow>(
      `INSERT INTO pathway_versions AS v (key, version, title, stages, published_at, created_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3::jsonb, now(), $4
       FROM pathway_versions WHERE key = $1
       RETURNING ${COLUMNS}`,
      [input.key, input.title, JSON.stringify(input.stages), input.createdBy],
    );
    return rows[0]!;
  }
}
