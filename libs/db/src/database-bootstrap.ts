import pg from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import {
  type DataSourceConfig,
  dataSourceOptions,
  type MigrationList,
} from './data-source-options.js';

/** Same key in every process, so that concurrent starts run migrations one after the other. */
const MIGRATION_LOCK_KEY = 7_311_942_001;

function adminUrl(databaseUrl: string): { admin: string; database: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  return { admin: url.toString(), database };
}

/** Creates the database named in the URL when it does not exist yet (safe to race). */
export async function ensureDatabase(databaseUrl: string, template?: string): Promise<boolean> {
  const { admin, database } = adminUrl(databaseUrl);
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    const ident = client.escapeIdentifier(database);
    const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
    try {
      await client.query(`CREATE DATABASE ${ident}${from}`);
      return true;
    } catch (error) {
      // Another process created it first: 42P04 duplicate_database when it was already committed,
      // 23505 on pg_database's unique name index when both CREATEs ran at the same moment.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { admin, database } = adminUrl(databaseUrl);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Runs pending migrations while holding a session-level advisory lock, so that processes starting
 * at the same moment apply each migration exactly once.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // On the connection that holds the lock: a pool of one connection must not wait for a second.
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * What every process does before it serves: create the database when it is missing, then apply
 * pending migrations under the lock. Returns whether it created the database and what it applied.
 */
export async function prepareDatabase(
  config: DataSourceConfig,
  migrations: MigrationList,
): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(config.DATABASE_URL);
  const dataSource = new DataSource(dataSourceOptions(config, [], migrations));
  await dataSource.initialize();
  try {
    return { created, applied: await migrateWithLock(dataSource) };
  } finally {
    await dataSource.destroy();
  }
}
