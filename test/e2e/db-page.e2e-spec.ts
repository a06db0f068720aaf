import { jest } from '@jest/globals';
import { pageStatement, type PageQuery } from '@msc/db';
import { createTestApp, Factories, type TestApp } from '@msc/testing';

// The numbers 1..$1 that are multiples of $2, labelled: a list whose size the params decide.
const MULTIPLES: Omit<PageQuery, 'orderBy'> = {
  sql: `SELECT n, 'row ' || n AS label FROM generate_series(1, $1::int) AS n WHERE n % $2::int = 0`,
};

interface PlanNode {
  'Node Type': string;
  'Actual Loops'?: number;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Presorted Key'?: string[];
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

// Each number's count of divisors, a per-row aggregate over the page's row.
const DIVISORS: NonNullable<PageQuery['perRow']> = {
  joins: `CROSS JOIN LATERAL (
            SELECT count(*)::int AS divisors FROM generate_series(1, page.n) AS d
            WHERE page.n % d = 0) x`,
  columns: 'page.n, x.divisors',
};

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

  it('should give each row of the page its per-row columns, in the order of the list', async () => {
    const page = await app.db.page<{ n: number; divisors: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n DESC', perRow: DIVISORS },
      { limit: 3, offset: 1 },
    );

    expect(page).toEqual({
      items: [
        { n: 15, divisors: 4 },
        { n: 12, divisors: 6 },
        { n: 9, divisors: 3 },
      ],
      total: 6,
    });
  });

  it('should count the whole list exactly, whatever the per-row joins add to a row', async () => {
    const page = await app.db.page<{ n: number; divisor: number }>(
      {
        sql: 'SELECT n FROM generate_series(1, 1000) AS n',
        orderBy: 'n',
        // Several result rows per list row: the total still counts the list's rows.
        perRow: {
          joins: 'JOIN generate_series(1, 3) AS d ON page.n % d = 0',
          columns: 'page.n, d AS divisor',
        },
      },
      { limit: 4, offset: 0 },
    );

    expect(page.total).toBe(1000);
    // The page holds the list's first four rows; the order among one row's divisors is not given.
    expect(page.items.map((row) => [row.n, row.divisor]).sort()).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
      [3, 1],
      [3, 3],
      [4, 1],
      [4, 2],
    ]);
  });

  it('should run the per-row joins for the rows of the page only', async () => {
    const statement = pageStatement(
      { ...MULTIPLES, params: [3000, 1], orderBy: 'n', perRow: DIVISORS },
      { limit: 5, offset: 100 },
    );

    const [row] = await app.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`,
      statement.params,
    );

    // The divisor count runs once a row of the page, not once for each of the 3,000 of the list.
    const loops = nodesOf(row!['QUERY PLAN'][0].Plan).map((node) => node['Actual Loops'] ?? 0);
    expect(Math.max(...loops)).toBe(5);
  });

  it('should still report the total on a page past the end of a list with per-row joins', async () => {
    const query = jest.spyOn(app.db, 'query');

    const page = await app.db.page<{ n: number; divisors: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n', perRow: DIVISORS },
      { limit: 5, offset: 6 },
    );

    expect(page).toEqual({ items: [], total: 6 });
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('should page through ties without repeating or losing a row, the last key deciding', async () => {
    // Ten rows share each value of `tens`; n breaks the ties.
    const list: PageQuery = {
      sql: 'SELECT n, n / 10 AS tens FROM generate_series(1, 30) AS n',
      orderBy: 'tens DESC, n',
      perRow: { ...DIVISORS, columns: 'page.n, page.tens, x.divisors' },
    };
    const expected = [...Array.from({ length: 30 }, (_, i) => i + 1)].sort(
      (a, b) => Math.floor(b / 10) - Math.floor(a / 10) || a - b,
    );

    const seen: number[] = [];
    for (let offset = 0; offset < 30; offset += 4) {
      const page = await app.db.page<{ n: number }>(list, { limit: 4, offset });
      expect(page.total).toBe(30);
      seen.push(...page.items.map((row) => row.n));
    }

    expect(seen).toEqual(expected);
  });

  it('should count in the scan of the page when asked to, with the same answer', async () => {
    const query = jest.spyOn(app.db, 'query');

    const windowed = await app.db.page<{ n: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n DESC', total: 'window' },
      { limit: 2, offset: 1 },
    );
    const enriched = await app.db.page<{ n: number; divisors: number }>(
      { ...MULTIPLES, params: [20, 3], orderBy: 'n DESC', total: 'window', perRow: DIVISORS },
      { limit: 2, offset: 1 },
    );

    expect(windowed).toEqual({
      items: [
        { n: 15, label: 'row 15' },
        { n: 12, label: 'row 12' },
      ],
      total: 6,
    });
    expect(enriched).toEqual({
      items: [
        { n: 15, divisors: 4 },
        { n: 12, divisors: 6 },
      ],
      total: 6,
    });
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls.map(([sql]) => sql)).toEqual([
      expect.stringContaining('count(*) OVER ()'),
      expect.stringContaining('count(*) OVER ()'),
    ]);
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

  // A user's notifications, newest first: notifications_user_created_idx gives the order.
  const INBOX: PageQuery = {
    sql: `SELECT id, kind, title, created_at FROM notifications WHERE user_id = $1`,
    params: ['00000000-0000-0000-0000-000000000000'],
    orderBy: 'created_at DESC, id DESC',
  };

  const planOf = (statement: { sql: string; params: unknown[] }) =>
    app.db.transaction(async () => {
      // The tables are nearly empty: make the planner take an index wherever one fits.
      await app.db.query('SET LOCAL enable_seqscan = off');
      await app.db.query('SET LOCAL enable_bitmapscan = off');
      const [row] = await app.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${statement.sql}`,
        statement.params,
      );
      return row!['QUERY PLAN'][0].Plan;
    });

  const readInOrderFromTheIndex = (nodes: PlanNode[]) => {
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
  };

  it('should keep the list query flattened, so that its index still gives the order', async () => {
    const plan = await planOf(pageStatement(INBOX, { limit: 20, offset: 0 }));

    // Were the subquery planned apart (not pulled up), it would not know the outer ORDER BY: a
    // forward scan and a full sort. Pulled up, the index is read backwards, already in order.
    const nodes = nodesOf(plan);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Subquery Scan');
    readInOrderFromTheIndex(nodes);
  });

  it('should keep the list query flattened under the cut when rows have per-row joins', async () => {
    const plan = await planOf(
      pageStatement(
        {
          ...INBOX,
          perRow: {
            joins: 'JOIN notifications n ON n.id = page.id',
            columns: 'n.id, n.kind, n.title, n.body, n.created_at',
          },
        },
        { limit: 20, offset: 0 },
      ),
    );

    // The page (the list cut at its limit) is a subquery of its own, planned below the joins.
    const page = nodesOf(plan).find((node) => node['Node Type'] === 'Limit');
    expect(page).toBeDefined();
    readInOrderFromTheIndex(nodesOf(page!));
  });
});
