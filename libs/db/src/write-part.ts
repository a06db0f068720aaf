import pg from 'pg';

/**
 * A write one context adds to a statement another composes, so that a change and what it causes
 * (a notification's job, an audit record) commit in one statement: one round trip, and no lock
 * held across the network. The part owns its SQL; the composer only names the relation whose rows
 * gate it and numbers the placeholders.
 */
export interface WritePart {
  /**
   * An `INSERT … SELECT …` (no trailing semicolon, no WITH) that writes only when the relation
   * `gate` has a row (`Outbox.partOverRows`: a job over all its rows), with its values as
   * placeholders numbered from `$<offset + 1>`.
   */
  sql(gate: string, offset: number): string;
  values: readonly unknown[];
  /** Run once the statement that carried the part has committed (the outbox wakes its relay). */
  committed?: () => void;
}

/** The parts as CTEs named `<prefix>0`, `<prefix>1`…, their values after the composer's own. */
export function composeWrites(
  parts: readonly WritePart[],
  gate: string,
  ownValues: readonly unknown[],
  prefix = 'part',
): { ctes: string; values: unknown[]; committed: () => void } {
  const values = [...ownValues];
  const ctes = parts
    .map((part, i) => {
      const sql = part.sql(gate, values.length);
      values.push(...part.values);
      return `, ${prefix}${i} AS (${sql})`;
    })
    .join('');
  return {
    ctes,
    values,
    committed: () => {
      for (const part of parts) part.committed?.();
    },
  };
}

/**
 * Text made from the columns of a gate's row by PostgreSQL's `format()`: each `%s` of `format`
 * takes the next of `columns` (trusted names the composer's relation returns, never input).
 */
export interface RowText {
  format: string;
  columns: readonly string[];
}

/** `format($n, g."a", g."b")` for `text`, its format string the placeholder `$<n>`. */
export function rowTextSql(text: RowText, placeholder: number, alias: string): string {
  const columns = text.columns.map((column) => `, ${alias}.${pg.escapeIdentifier(column)}`);
  return `format($${placeholder}::text${columns.join('')})`;
}

/**
 * The SQLSTATE of `msc_abort(reason)`: the statement undid itself on purpose (what it found made
 * the rest wrong), an answer for its caller rather than a failure, and not logged as one.
 */
export const STATEMENT_ABORTED = 'MSC01';

/**
 * The reason `msc_abort` gave, or undefined for any other failure: of the driver's error, or of
 * the QueryFailedError that carries it.
 */
export function abortReason(error: unknown): string | undefined {
  type Raised = { code?: string; message?: string; driverError?: Raised } | null;
  const cause = (error as Raised)?.driverError ?? (error as Raised);
  return cause?.code === STATEMENT_ABORTED ? cause.message : undefined;
}
