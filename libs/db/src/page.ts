/** Which slice of a list to read. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/** One page of rows and how many rows the whole list holds. */
export interface Page<Row> {
  items: Row[];
  total: number;
}

/**
 * A list query in two parts, so that what a row costs is paid for the page's rows only.
 *
 * `sql` is the lean list: a SELECT without ORDER BY, LIMIT or OFFSET that filters, and selects the
 * columns the order needs and the keys the per-row part joins on. It is read in full for the
 * total, so it holds no per-row aggregate, nor any join that neither filters nor orders.
 *
 * `perRow` makes the rows of the page once it is cut: `joins` follow the page's row (named `page`,
 * its columns the lean ones) with what each row shows (the rest of the row, lateral aggregates,
 * people's names), and `columns` are what a row of the result holds. Without it, the rows are the
 * lean ones.
 */
export interface PageQuery {
  sql: string;
  /** The parameters ($1…$n) of `sql` and `perRow` together. */
  params?: unknown[];
  /**
   * The ORDER BY of the page (without the keywords), over the column names `sql` selects. It
   * should end in a unique column: rows that tie may change places between two statements, and a
   * page would then repeat a row of the one before.
   */
  orderBy: string;
  perRow?: { joins?: string; columns: string };
  /**
   * How the total is counted. `apart` (the default): the lean list counted in a subquery of its
   * own, so that the page's scan stops at the limit where an index gives the order. `window`:
   * count(*) OVER () in the page's own scan, for a lean list no index filters or orders (a
   * substring search), which both statements would otherwise read in full.
   */
  total?: 'apart' | 'window';
}

type RunQuery = <Row>(sql: string, parameters: unknown[]) => Promise<Row[]>;

/** The names of the columns the page statement adds; no list selects a column of those names. */
const TOTAL = '__page_total';
const PLACE = '__page_place';

/**
 * The statement that reads one page of `query` with the total beside each row (in
 * `__page_total`). The page is the lean list ordered and cut; PostgreSQL pulls the list up into
 * the cut, so the list's indexes give the order and the scan stops at the limit. The per-row
 * joins then run for the page's rows alone, which keep their place (`__page_place`). The total,
 * counted apart, is an InitPlan: run once, and only when the page has a row.
 */
export function pageStatement(
  query: PageQuery,
  page: PageRequest,
): { sql: string; params: unknown[] } {
  const params = query.params ?? [];
  const n = params.length;
  const windowed = query.total === 'window';
  const counted = windowed
    ? `count(*) OVER () AS ${TOTAL}`
    : `(SELECT count(*) FROM (${query.sql}) counted) AS ${TOTAL}`;
  const cut = `ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`;
  let sql = `SELECT q.*, ${counted} FROM (${query.sql}) q ${cut}`;
  if (query.perRow) {
    const place = `row_number() OVER (ORDER BY ${query.orderBy}) AS ${PLACE}`;
    sql = `SELECT ${query.perRow.columns}, page.${PLACE}, ${windowed ? `page.${TOTAL}` : counted}
       FROM (SELECT q.*, ${place}${windowed ? `, ${counted}` : ''} FROM (${query.sql}) q ${cut}) page
       ${query.perRow.joins ?? ''}
       ORDER BY page.${PLACE}`;
  }
  return { sql, params: [...params, page.limit, page.offset] };
}

/**
 * Reads one page and the total in one statement. A page past the end has no row to carry the
 * count, so only then a second statement counts the rows.
 */
export async function queryPage<Row>(
  run: RunQuery,
  query: PageQuery,
  page: PageRequest,
): Promise<Page<Row>> {
  const statement = pageStatement(query, page);
  const rows = await run<Row & { [TOTAL]: string; [PLACE]?: string }>(
    statement.sql,
    statement.params,
  );
  let total = 0;
  if (rows.length > 0) {
    total = Number(rows[0]![TOTAL]);
  } else if (page.offset > 0) {
    const [counted] = await run<{ n: string }>(
      `SELECT count(*) AS n FROM (${query.sql}) q`,
      query.params ?? [],
    );
    total = Number(counted!.n);
  }
  const items = rows.map((row) => {
    const { [TOTAL]: _total, [PLACE]: _place, ...rest } = row;
    return rest as unknown as Row;
  });
  return { items, total };
}
