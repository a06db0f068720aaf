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

/** A list query: a SELECT without ORDER BY, LIMIT or OFFSET, and its parameters ($1…$n). */
export interface PageQuery {
  sql: string;
  params?: unknown[];
  /** The ORDER BY of the page (without the keywords), over the column names `sql` selects. */
  orderBy: string;
}

type RunQuery = <Row>(sql: string, parameters: unknown[]) => Promise<Row[]>;

/** The name of the window count the page query adds; no list selects a column of that name. */
const TOTAL = '__page_total';

/**
 * The statement that reads one page of `query` with the total beside each row (in `__page_total`):
 * the list query becomes a subquery under a window count. PostgreSQL pulls such a subquery up into
 * the outer query, so the plan (and the indexes it uses) is the one of the list query itself.
 */
export function pageStatement(
  query: PageQuery,
  page: PageRequest,
): { sql: string; params: unknown[] } {
  const params = query.params ?? [];
  const n = params.length;
  return {
    sql: `SELECT q.*, count(*) OVER () AS ${TOTAL} FROM (${query.sql}) q
     ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
    params: [...params, page.limit, page.offset],
  };
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
  const rows = await run<Row & { [TOTAL]: string }>(statement.sql, statement.params);
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
    const { [TOTAL]: _total, ...rest } = row;
    return rest as unknown as Row;
  });
  return { items, total };
}
