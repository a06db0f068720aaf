export interface ByteSpan {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * One byte range of an HTTP Range header against a representation of `size` bytes (RFC 9110
 * §14): null to serve it whole (no header, another unit, several ranges, or a malformed one),
 * 'unsatisfiable' for a 416, else the span clamped to the size.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteSpan | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
