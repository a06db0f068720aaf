const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date typed as `YYYY-MM-DD` (no 2027-02-30). */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a day begins in a zone (`daysLater` days after `day`): midnight on the wall clock,
 * found by correcting the UTC guess by the zone's offset twice (once more across a DST change).
 */
export function startOfDay(day: string, zone: string, daysLater = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + daysLater);
  const first = wall - offsetMs(wall, zone);
  return new Date(wall - offsetMs(first, zone)).toISOString();
}
