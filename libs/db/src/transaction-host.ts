import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Page, type PageQuery, type PageRequest, queryPage } from './page.js';

/**
 * Carries the current transaction through async calls, so that repositories and the outbox join
 * the caller's transaction without passing an EntityManager around.
 */
interface OpenTransaction {
  manager: EntityManager;
  /** The last statement sent: one connection runs one statement at a time. */
  tail: Promise<unknown>;
}

@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<OpenTransaction>();

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
    return this.dataSource.transaction((manager) =>
      this.storage.run({ manager, tail: Promise.resolve() }, work),
    );
  }

  /**
   * Raw SQL in the current transaction, rows typed by the caller. Inside a transaction, statements
   * issued concurrently (a Promise.all of reads) are queued, since they share one connection.
   */
  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const open = this.storage.getStore();
    let pending: Promise<unknown>;
    if (open) {
      pending = open.tail.then(() => open.manager.query(sql, parameters));
      open.tail = pending.catch(() => undefined);
    } else {
      pending = this.dataSource.manager.query(sql, parameters);
    }
    const result: unknown = await pending;
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
