import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateWithLock } from '@msc/db';
import { migrations } from '@msc/migrations';

/** This run's name, set by the global setup: databases and Redis keys of runs side by side never meet. */
export function testRun(): string {
  return process.env.MSC_TEST_RUN ?? 'local';
}

export const TEST_DB_PREFIX = `msc_test_${testRun()}`;
export const TEMPLATE_DB = `${TEST_DB_PREFIX}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/${name}`;
  return url.toString();
}

/** The jest worker's own database name: each worker runs against its own clone of the template. */
export function workerDatabaseName(): string {
  return `${TEST_DB_PREFIX}_w${process.env.JEST_WORKER_ID ?? '1'}`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const exists = async (client: pg.Client, name: string) =>
  Boolean((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);

/** Creates and migrates the template once per run; the first worker to arrive does it. */
async function ensureTemplate(admin: pg.Client): Promise<void> {
  if (await exists(admin, TEMPLATE_DB)) return;
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [TEMPLATE_DB]);
  try {
    if (await exists(admin, TEMPLATE_DB)) return;
    const building = `${TEMPLATE_DB}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const dataSource = new DataSource(
      dataSourceOptions(
        {
          DATABASE_URL: databaseUrl(building),
          DATABASE_POOL_SIZE: 2,
          DATABASE_CONNECT_TIMEOUT_MS: 5000,
          DATABASE_STATEMENT_TIMEOUT_MS: 0,
        },
        [],
        migrations,
      ),
    );
    await dataSource.initialize();
    try {
      await migrateWithLock(dataSource);
    } finally {
      await dataSource.destroy();
    }
    // Renamed only when complete, so that no worker ever clones a half-migrated template.
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE_DB}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [TEMPLATE_DB]);
  }
}

/** Clones the migrated template into this worker's database unless it exists already. */
export async function ensureWorkerDatabase(): Promise<string> {
  const name = workerDatabaseName();
  await withClient(databaseUrl('postgres'), async (admin) => {
    if (await exists(admin, name)) return;
    await ensureTemplate(admin);
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${TEMPLATE_DB}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  });
  return databaseUrl(name);
}

let truncatable: Promise<string[]> | undefined;

/**
 * Tables the migrations leave empty: truncated between tests; seeded ones are kept, and so are the
 * secrets a process made at boot (its signing keys live on in its memory).
 */
export function truncatableTables(): Promise<string[]> {
  truncatable ??= withClient(databaseUrl(TEMPLATE_DB), async (client) => {
    const { rows } = await client.query<{ name: string; empty: boolean }>(
      `SELECT c.relname AS name,
              NOT EXISTS (SELECT 1 FROM pg_stat_user_tables s WHERE s.relid = c.oid AND s.n_live_tup > 0) AS empty
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND c.relname NOT IN ('migrations', 'app_secrets')`,
    );
    const names: string[] = [];
    for (const row of rows) {
      const probe = await client.query(
        `SELECT 1 FROM ${client.escapeIdentifier(row.name)} LIMIT 1`,
      );
      if (probe.rowCount === 0) names.push(row.name);
    }
    return names;
  });
  return truncatable;
}
