/**
 * CE hours are kept in hundredths of an hour (numeric(5,2) in the database), so that the share
 * for the sessions attended is computed exactly and rounded down, never up.
 */
export function toHundredths(hours: string | number): number {
  const text = typeof hours === 'number' ? hours.toFixed(2) : hours.trim();
  const match = /^(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!match) throw new Error(`not a number of hours: ${text}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export function formatHundredths(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * The credit for a trainee: each session carries an equal share of the course's hours, and a
 * session missed (absent or excused) earns none of its share; rounded down to the hundredth.
 */
export function creditHundredths(courseHours: string, attended: number, total: number): number {
  if (total <= 0 || attended <= 0) return 0;
  return Math.floor((toHundredths(courseHours) * Math.min(attended, total)) / total);
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
