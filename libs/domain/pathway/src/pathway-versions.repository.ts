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

/**
 * The pin's CTEs: `chosen` is the trainee's pinned version (`pathway_version_id, started_at`),
 * pinning them first to the latest published version of the key (only a user holding the trainee
 * role is pinned). The trainee and the key are the placeholders given.
 */
function pinCtes(trainee: string, key: string): string {
  return `WITH latest AS (
         SELECT id FROM pathway_versions
         WHERE key = ${key} AND published_at IS NOT NULL AND published_at <= now()
         ORDER BY version DESC LIMIT 1
       ), pinned AS (
         INSERT INTO trainee_pathways (trainee_id, pathway_version_id)
         SELECT u.id, latest.id FROM ${PEOPLE} u CROSS JOIN latest
         WHERE u.id = ${trainee} AND 'trainee' = ANY(u.roles)
           AND NOT EXISTS (SELECT 1 FROM trainee_pathways WHERE trainee_id = ${trainee})
         ON CONFLICT (trainee_id) DO NOTHING
         RETURNING pathway_version_id, started_at
       ), chosen AS (
         SELECT pathway_version_id, started_at FROM pinned
         UNION ALL
         SELECT pathway_version_id, started_at FROM trainee_pathways WHERE trainee_id = ${trainee}
       )`;
}

/** The pin, with the version's stages (`unknown`: not read by this process yet) or without. */
function pinStatement(withStages: boolean): string {
  return `${pinCtes('$1::uuid', '$2::text')}
       SELECT v.id, v.key, v.version, v.title, v.published_at, v.created_by,
              chosen.started_at${withStages ? ', v.stages' : ''}
       FROM chosen JOIN pathway_versions v ON v.id = chosen.pathway_version_id
       LIMIT 1`;
}

const PIN = { known: pinStatement(false), unknown: pinStatement(true) } as const;

/** The pin and another statement's columns, in one statement (`pinWith`). */
const pinAndColumns = new Map<string, string>();

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

  /**
   * `pin` and the columns of `select` (`SELECT <expression> AS <column>, …`, no FROM, its
   * placeholders `$1…$n` the `params`) in one statement: one round trip and one snapshot, the
   * pin's columns beside the select's. Null when the pin finds nothing (then `pin` says why), or
   * when the pinned version's stages have not been read by this process yet. The statement's text
   * follows from `select` alone: prepared, it is planned once.
   */
  async pinWith(
    traineeId: string,
    key: string,
    select: string,
    params: readonly unknown[],
  ): Promise<{ pinned: PinnedVersionRow; row: Record<string, unknown> } | null> {
    let sql = pinAndColumns.get(select);
    if (sql === undefined) {
      const n = params.length;
      sql = `${pinCtes(`$${n + 1}::uuid`, `$${n + 2}::text`)}
       SELECT v.id AS pin_version_id, v.key AS pin_key, v.version AS pin_version,
              v.title AS pin_title, v.published_at AS pin_published_at,
              v.created_by AS pin_created_by, chosen.started_at AS pin_started_at, selected.*
       FROM chosen JOIN pathway_versions v ON v.id = chosen.pathway_version_id
       CROSS JOIN (${select}) selected
       LIMIT 1`;
      if (pinAndColumns.size >= 100) pinAndColumns.clear();
      pinAndColumns.set(select, sql);
    }
    const [row] = await this.tx.query<Record<string, unknown>>(sql, [...params, traineeId, key], {
      prepare: true,
    });
    const stages = row && this.stagesById.get(row.pin_version_id as string);
    if (!row || !stages) return null;
    return {
      pinned: {
        id: row.pin_version_id as string,
        key: row.pin_key as string,
        version: row.pin_version as number,
        title: row.pin_title as string,
        published_at: row.pin_published_at as Date | null,
        created_by: row.pin_created_by as string | null,
        started_at: row.pin_started_at as Date,
        stages,
      },
      row,
    };
  }

  /** The stages of a version this process has read (`pin`), or undefined. */
  knownStages(versionId: string): StageDefinition[] | undefined {
    return this.stagesById.get(versionId);
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
