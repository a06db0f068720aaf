import pg from 'pg';

/**
 * Drops the test databases of earlier runs. (Path aliases do not resolve here, outside jest's
 * module system; the first test worker migrates a fresh template, see `ensureWorkerDatabase`.)
 */
export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const old = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'msc\\_test\\_%'`,
    );
    for (const { datname } of old.rows) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
