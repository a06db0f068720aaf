/** The columns of a cohort's CE roster, in order: what accreditors ask for. */
export const CE_ROSTER_COLUMNS = [
  'name',
  'license_number',
  'hours',
  'certificate_number',
  'issued_at',
] as const;

export type CeRosterLine = Record<(typeof CE_ROSTER_COLUMNS)[number], string | null>;

/** Characters a spreadsheet may read as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell (RFC 4180): a cell a spreadsheet would run as a formula gets a leading `'`, and a
 * cell holding a comma, a quote or a line break is quoted with its quotes doubled.
 */
export function csvCell(value: string | null): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The roster as CSV: a header line, then one line per credit, CRLF line ends (RFC 4180). */
export function ceRosterCsv(lines: CeRosterLine[]): string {
  const rows = [
    CE_ROSTER_COLUMNS.join(','),
    ...lines.map((line) => CE_ROSTER_COLUMNS.map((column) => csvCell(line[column])).join(',')),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
