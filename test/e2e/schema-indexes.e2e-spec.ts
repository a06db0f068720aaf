import pg from 'pg';
import { ensureWorkerDatabase } from '@msc/testing';

/**
 * Foreign keys whose columns do not lead any (non-partial) index of their table: every lookup of
 * the children of a row, and every delete or key update of the parent, scans the whole table.
 * The leading columns may come in any order; a partial index does not count (it misses rows).
 */
const UNINDEXED_FOREIGN_KEYS = `
  SELECT c.conrelid::regclass::text AS table_name,
         c.conname AS constraint_name,
         array_agg(a.attname::text ORDER BY k.ord) AS columns
    FROM pg_constraint c
    JOIN pg_namespace n ON n.oid = c.connamespace
   CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
   WHERE c.contype = 'f'
     AND n.nspname = current_schema()
     AND NOT EXISTS (
       SELECT 1
         FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND i.indpred IS NULL
          AND i.indisvalid
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
   GROUP BY c.conrelid, c.conname
   ORDER BY 1, 2`;

interface Offender {
  table_name: string;
  constraint_name: string;
  columns: string[];
}

const describeOffenders = (rows: Offender[]) =>
  rows.map((r) => `${r.table_name}(${r.columns.join(', ')}) [${r.constraint_name}]`);

describe('schema indexes (e2e)', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await ensureWorkerDatabase() });
    await client.connect();
  });
  afterAll(() => client.end());

  it('should find migrated tables with foreign keys to check', async () => {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    );

    expect(rows[0].count).toBeGreaterThan(10);
  });

  it('should have every foreign key covered by the leading columns of an index', async () => {
    const { rows } = await client.query<Offender>(UNINDEXED_FOREIGN_KEYS);

    // The offenders by name, so that a failure says which index to add.
    expect(describeOffenders(rows)).toEqual([]);
  });

  it('should report a foreign key without an index, and stop reporting it once indexed', async () => {
    await client.query('BEGIN');
    try {
      await client.query('CREATE TABLE probe_parent (a int, b int, PRIMARY KEY (a, b))');
      await client.query(
        `CREATE TABLE probe_child (id int PRIMARY KEY, x int, a int, b int,
           CONSTRAINT probe_child_ab_fkey FOREIGN KEY (a, b) REFERENCES probe_parent (a, b))`,
      );
      // Neither a trailing position nor a partial index covers the key.
      await client.query('CREATE INDEX probe_child_x_a_b ON probe_child (x, a, b)');
      await client.query('CREATE INDEX probe_child_a_b_part ON probe_child (a, b) WHERE x > 0');
      const before = await client.query<Offender>(UNINDEXED_FOREIGN_KEYS);

      expect(describeOffenders(before.rows)).toContain('probe_child(a, b) [probe_child_ab_fkey]');

      // Leading columns in another order do cover it.
      await client.query('CREATE INDEX probe_child_b_a_x ON probe_child (b, a, x)');
      const after = await client.query<Offender>(UNINDEXED_FOREIGN_KEYS);

      expect(describeOffenders(after.rows)).not.toContain(
        'probe_child(a, b) [probe_child_ab_fkey]',
      );
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
