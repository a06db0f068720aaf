const parts = (zone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

/** The wall clock of `zone` at `instant`, as `YYYY-MM-DD HH:mm:ss`. */
export function wallClockIn(zone: string, instant: Date): string {
  const p = Object.fromEntries(
    parts(zone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time (`YYYY-MM-DD HH:mm[:ss]`) in `zone` names, as an ISO string; null
 * when the text is no such time. The zone's offset is found by comparing what the instant reads
 * there with what was typed, twice, so a change of offset between the two guesses is caught.
 */
export function instantOf(local: string, zone: string): string | null {
  const match = WALL_CLOCK.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const wanted = Date.UTC(y!, mo! - 1, d!, h!, mi!, s ?? 0);
  let guess = wanted;
  for (let i = 0; i < 2; i += 1) {
    const seen = WALL_CLOCK.exec(wallClockIn(zone, new Date(guess)))!.map(Number) as number[];
    const read = Date.UTC(seen[1]!, seen[2]! - 1, seen[3]!, seen[4]!, seen[5]!, seen[6] ?? 0);
    guess += wanted - read;
  }
  const date = new Date(guess);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
