import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { type Page, type PageQuery, type PageRequest, queryPage } from './page.js';
import { abortReason } from './write-part.js';

/**
 * Carries the current transaction through async calls, so that repositories and the outbox join
 * the caller's transaction without passing an EntityManager around.
 */
interface OpenTransaction {
  manager: EntityManager;
  /** The last statement sent: one connection runs one statement at a time. */
  tail: Promise<unknown>;
  /** What waits for the commit (afterCommit); dropped on a rollback. */
  committed: (() => void)[];
}

@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<OpenTransaction>();
  private readonly logger = new Logger(TransactionHost.name);

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the surrounding transaction, or the pool's when there is none. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs `work` in a transaction; nested calls join the outer one. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const committed: (() => void)[] = [];
    const result = await this.dataSource.transaction((manager) =>
      this.storage.run({ manager, tail: Promise.resolve(), committed }, work),
    );
    for (const callback of committed) {
      try {
        callback();
      } catch (error) {
        // The change is committed and the caller must hear so; the effect alone is lost.
        this.logger.error({ err: error }, 'an after-commit callback failed');
      }
    }
    return result;
  }

  /**
   * Runs `callback` once the current transaction commits, never if it rolls back; outside a
   * transaction (the statement just sent committed on its own) at once. For effects outside the
   * database that must not happen for a change that is undone, nor while its locks are held.
   */
  afterCommit(callback: () => void): void {
    const open = this.storage.getStore();
    if (open) open.committed.push(callback);
    else callback();
  }

  /**
   * Raw SQL in the current transaction, rows typed by the caller. Inside a transaction, statements
   * issued concurrently (a Promise.all of reads) are queued, since they share one connection.
   * Outside one, the statement goes to the pool straight (no query runner per statement).
   * `prepare` sends a hot statement as a named prepared statement, parsed and planned once per
   * connection (its name follows from its text, so one text is one statement).
   */
  async query<Row>(
    sql: string,
    parameters: unknown[] = [],
    options: { prepare?: boolean } = {},
  ): Promise<Row[]> {
    const open = this.storage.getStore();
    const name = options.prepare ? statementName(sql) : undefined;
    if (!open) return this.run<Row>(this.pool, sql, parameters, name);
    const runner = open.manager.queryRunner as PostgresQueryRunner | undefined;
    const pending: Promise<Row[]> = open.tail.then(async () =>
      name && runner
        ? this.run<Row>((await runner.connect()) as Queryable, sql, parameters, name)
        : rowsOf<Row>(await open.manager.query(sql, parameters)),
    );
    open.tail = pending.catch(() => undefined);
    return pending;
  }

  /** The pool TypeORM's postgres driver made (node-postgres). */
  private get pool(): Queryable {
    return (this.dataSource.driver as PostgresDriver).master as Queryable;
  }

  /** One statement on `on`, logged and failed as TypeORM logs and fails its own. */
  private async run<Row>(
    on: Queryable,
    sql: string,
    parameters: unknown[],
    name: string | undefined,
  ): Promise<Row[]> {
    const logger = this.dataSource.logger;
    logger.logQuery(sql, parameters);
    const started = performance.now();
    try {
      const result = await on.query<Row>(
        name ? { name, text: sql, values: parameters } : { text: sql, values: parameters },
      );
      const ms = performance.now() - started;
      const slow = this.dataSource.options.maxQueryExecutionTime;
      if (slow && ms > slow) logger.logQuerySlow(Math.round(ms), sql, parameters);
      return result.rows;
    } catch (error) {
      if (abortReason(error) === undefined) logger.logQueryError(error as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  }

  /**
   * One page of a list and the list's total, in the current transaction: `query.sql` is the lean
   * SELECT without ORDER BY/LIMIT/OFFSET, `query.orderBy` orders over the names it selects, and
   * `query.perRow` adds what each row shows for the page's rows only (see PageQuery). The total is
   * right on a page past the end too (then, and only then, a second statement counts).
   */
  async page<Row>(query: PageQuery, page: PageRequest): Promise<Page<Row>> {
    return queryPage<Row>((sql, parameters) => this.query(sql, parameters), query, page);
  }
}

/** What node-postgres' pool and its clients share: a query from a config object. */
interface Queryable {
  query<Row>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * TypeORM's postgres driver answers UPDATE and DELETE with [rows, affectedCount]; rows are
 * objects, never arrays, so this shape cannot be mistaken for a two-row SELECT.
 */
function rowsOf<Row>(result: unknown): Row[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as Row[];
  }
  return result as Row[];
}

const names = new Map<string, string>();

/** The name of the prepared statement of `sql`: a hash of its text, remembered per text. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `msc_${createHash('sha256').update(sql).digest('base64url').slice(0, 22)}`;
    if (names.size >= 1000) names.clear();
    names.set(sql, name);
  }
  return name;
}
