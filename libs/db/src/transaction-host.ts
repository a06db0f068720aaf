import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Page, type PageQuery, type PageRequest, queryPage } from './page.js';

/**
 * Carries the current transaction through async calls, so that repositories and the outbox join
 * the caller's transaction without passing an EntityManager around.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the surrounding transaction, or the pool's when there is none. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs `work` in a transaction; nested calls join the outer one. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    return this.dataSource.transaction((manager) => this.storage.run(manager, work));
  }

  /** Raw SQL in the current transaction, rows typed by the caller. */
  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const result: unknown = await this.manager.query(sql, parameters);
    // TypeORM's postgres driver answers UPDATE and DELETE with [rows, affectedCount]; rows are
    // objects, never arrays, so this shape cannot be mistaken for a two-row SELECT.
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

  /**
   * One page of a list and the list's total, in the current transaction: `query.sql` is the SELECT
   * without ORDER BY/LIMIT/OFFSET, `query.orderBy` orders over the names it selects. The total is
   * right on a page past the end too (then, and only then, a second statement counts).
   */
  async page<Row>(query: PageQuery, page: PageRequest): Promise<Page<Row>> {
    return queryPage<Row>((sql, parameters) => this.query(sql, parameters), query, page);
  }
}
