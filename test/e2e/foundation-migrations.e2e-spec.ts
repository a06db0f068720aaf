import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, migrateWithLock } from '@msc/db';
import { migrations } from '@msc/migrations';
import { databaseUrl, TEST_DB_PREFIX } from '@msc/testing';

// Named under the run's prefix, so the global teardown drops it even when a test crashes.
const freshDatabaseUrl = () =>
  databaseUrl(`${TEST_DB_PREFIX}_mig_${randomBytes(4).toString('hex')}`);

function dataSourceFor(url: string, poolSize: number): DataSource {
  return new DataSource(
    dataSourceOptions(
      {
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: poolSize,
        DATABASE_CONNECT_TIMEOUT_MS: 5000,
        DATABASE_STATEMENT_TIMEOUT_MS: 0,
      },
      [],
      migrations,
    ),
  );
}

const expectedNames = () => migrations.map((m) => m.name).sort();

describe('migrations under an advisory lock (e2e)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  async function open(url: string, poolSize: number): Promise<DataSource> {
    const dataSource = dataSourceFor(url, poolSize);
    await dataSource.initialize();
    cleanup.push(() => dataSource.destroy());
    return dataSource;
  }

  async function appliedNames(dataSource: DataSource): Promise<string[]> {
    const rows = (await dataSource.query('SELECT name FROM migrations ORDER BY name')) as {
      name: string;
    }[];
    return rows.map((r) => r.name).sort();
  }

  it('should apply each migration exactly once when two processes migrate an empty database at once', async () => {
    const url = freshDatabaseUrl();
    expect(await ensureDatabase(url)).toBe(true);
    cleanup.push(() => dropDatabase(url));
    const [first, second] = [await open(url, 3), await open(url, 3)];

    const results = await Promise.all([migrateWithLock(first), migrateWithLock(second)]);

    // One of them did all the work, the other found nothing left to do.
    const lengths = results.map((r) => r.length).sort((a, b) => a - b);
    expect(lengths).toEqual([0, migrations.length]);
    expect(results.flat().sort()).toEqual(expectedNames());
    expect(await appliedNames(first)).toEqual(expectedNames());
    const [users] = (await second.query(`SELECT to_regclass('public.users') AS t`)) as {
      t: string | null;
    }[];
    expect(users!.t).toBe('users');
  });

  it('should do nothing when migrating an up-to-date database again', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    cleanup.push(() => dropDatabase(url));
    const dataSource = await open(url, 2);
    await migrateWithLock(dataSource);

    await expect(migrateWithLock(dataSource)).resolves.toEqual([]);
    expect(await appliedNames(dataSource)).toEqual(expectedNames());
  });

  it('should migrate with a pool of a single connection (the lock must not need a second one)', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    cleanup.push(() => dropDatabase(url));
    const dataSource = await open(url, 1);

    await expect(migrateWithLock(dataSource)).resolves.toHaveLength(migrations.length);
    expect(await appliedNames(dataSource)).toEqual(expectedNames());
  });

  it('should release the lock when a migration fails, so that the next start can try again', async () => {
    const url = freshDatabaseUrl();
    await ensureDatabase(url);
    cleanup.push(() => dropDatabase(url));
    const dataSource = await open(url, 2);
    // A table in the way makes the first migration fail.
    await dataSource.query('CREATE TABLE outbox (id int)');

    await expect(migrateWithLock(dataSource)).rejects.toThrow();
    await dataSource.query('DROP TABLE outbox');

    // Another process: it would wait forever on a lock left held in the first one's pool.
    const other = await open(url, 2);
    await expect(migrateWithLock(other)).resolves.toHaveLength(migrations.length);
  });

  it('should create the database only once when two processes race for it', async () => {
    const url = freshDatabaseUrl();
    cleanup.push(() => dropDatabase(url));

    const created = await Promise.all([ensureDatabase(url), ensureDatabase(url)]);

    expect(created.sort()).toEqual([false, true]);
  });
});
