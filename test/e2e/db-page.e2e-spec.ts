import { jest } from '@jest/globals';
import { pageStatement, type PageQuery } from '@msc/db';
import { createTestApp, Factories, type TestApp } from '@msc/testing';

// The numbers 1..$1 that are multiples of $2, labelled: a list whose size the params decide.
const MULTIPLES: Omit<PageQuery, 'orderBy'> = {
  sql: `SELECT n, 'row ' || n AS label FROM generate_series(1, $1::int) AS n WHERE n % $2::int = 0`,
};

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Presorted Key'?: string[];
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe('TransactionHost.page (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  it('should answer one page in the given order, with the total and without the count column', async () => {
    const page = await app.db.page<{ n: number; label: string }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n DESC' },
      { limit: 2, offset: 1 },
    );

    expect(page).toEqual({
      items: [
        { n: 15, label: 'row 15' },
        { n: 12, label: 'row 12' },
      ],
      total: 6,
    });
  });

  it('should order by several columns, ties broken by the later ones', async () => {
    const page = await app.db.page<{ n: number; label: string }>(
      {
        sql: `SELECT n, n % 2 AS parity, 'row ' || n AS label FROM generate_series(1, 6) AS n`,
        orderBy: 'parity, n DESC',
      },
      { limit: 10, offset: 0 },
    );

    expect(page.items.map((row) => row.n)).toEqual([6, 4, 2, 5, 3, 1]);
    expect(page.total).toBe(6);
  });

  it('should pass the params to the list query, numbering limit and offset after them', async () => {
    const threes = await app.db.page<{ n: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n' },
      { limit: 100, offset: 0 },
    );
    const fives = await app.db.page<{ n: number }>(
      { ...MULTIPLES, params: [20, 5], orderBy: 'n' },
      { limit: 100, offset: 0 },
    );

    expect(threes.items.map((row) => row.n)).toEqual([3, 6, 9, 12, 15, 18]);
    expect(threes.total).toBe(6);
    expect(fives.items.map((row) => row.n)).toEqual([5, 10, 15, 20]);
    expect(fives.total).toBe(4);
  });

  it('should still report the total on a page past the end, counting in a second statement', async () => {
    const query = jest.spyOn(app.db, 'query');

    const page = await app.db.page<{ n: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n' },
      { limit: 5, offset: 50 },
    );

    expect(page).toEqual({ items: [], total: 6 });
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('should answer a list with a single statement when the page has rows', async () => {
    const query = jest.spyOn(app.db, 'query');

    const page = await app.db.page<{ n: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n' },
      { limit: 5, offset: 5 },
    );

    expect(page).toEqual({ items: [{ n: 18, label: 'row 18' }], total: 6 });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('should answer an empty list with total 0 and no second statement', async () => {
    const query = jest.spyOn(app.db, 'query');

    const page = await app.db.page<{ n: number }>(
      { ...MULTIPLES, params: [2, 3], orderBy: 'n' },
      { limit: 5, offset: 0 },
    );

    expect(page).toEqual({ items: [], total: 0 });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it("should read within the caller's transaction", async () => {
    const user = await factories.newUser({ displayName: 'Inside' });

    const page = await app.db.transaction(async () => {
      await app.db.query('UPDATE users SET display_name = $2 WHERE id = $1', [user.id, 'Renamed']);
      return app.db.page<{ display_name: string }>(
        {
          sql: 'SELECT id, display_name FROM users WHERE id = $1',
          params: [user.id],
          orderBy: 'id',
        },
        { limit: 1, offset: 0 },
      );
    });

    expect(page.items).toEqual([{ id: user.id, display_name: 'Renamed' }]);
    expect(page.total).toBe(1);
  });

  it('should keep the list query flattened, so that its index still gives the order', async () => {
    const statement = pageStatement(
      {
        sql: `SELECT id, kind, title, created_at FROM notifications WHERE user_id = $1`,
        params: ['00000000-0000-0000-0000-000000000000'],
        orderBy: 'created_at DESC, id DESC',
      },
      { limit: 20, offset: 0 },
    );

    const plan = await app.db.transaction(async () => {
      // The tables are nearly empty: make the planner take an index wherever one fits.
      await app.db.query('SET LOCAL enable_seqscan = off');
      await app.db.query('SET LOCAL enable_bitmapscan = off');
      const [row] = await app.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${statement.sql}`,
        statement.params,
      );
      return row!['QUERY PLAN'][0].Plan;
    });

    // Were the subquery planned apart (not pulled up), it would not know the outer ORDER BY: a
    // forward scan and a full sort. Pulled up, the index is read backwards, already in order.
    const nodes = nodesOf(plan);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Subquery Scan');
    expect(nodes).toContainEqual(
      expect.objectContaining({
        'Node Type': 'Index Scan',
        'Index Name': 'notifications_user_created_idx',
        'Scan Direction': 'Backward',
      }),
    );
    expect(nodes).toContainEqual(
      expect.objectContaining({
        'Node Type': 'Incremental Sort',
        'Presorted Key': ['notifications.created_at'],
      }),
    );
  });
});
