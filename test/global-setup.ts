import { randomBytes } from 'node:crypto';
import pg from 'pg';

const STALE_AFTER_MS = 3 * 3600_000;

function adminUrl(): string {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = '/postgres';
  return url.toString();
}

/**
 * Names this run (its databases and Redis keys carry the name, so runs side by side never meet)
 * and drops what crashed runs left behind. Path aliases do not resolve here, outside jest's module
 * system; the first test worker migrates the run's template (see `ensureWorkerDatabase`).
 */
export default async function globalSetup(): Promise<void> {
  process.env.MSC_TEST_RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'msc\\_test\\_%'`,
    );
    for (const { datname } of rows) {
      const started = parseInt(datname.split('_')[2] ?? '', 36);
      const stale = !Number.isFinite(started) || Date.now() - started > STALE_AFTER_MS;
      if (stale)
        await client.query(
          `DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`,
        );
    }
  } finally {
    await client.end();
  }
}
