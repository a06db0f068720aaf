/**
 * The few phrases progress sentences are built from, so that every context counts the same way:
 * "1 session", "4 more sessions", "2 more" (never "2 mores"), and "X of the Y needed" never showing
 * an X above Y.
 */

/** "1 session", "3 sessions", "0 sessions"; `plural` when the word does not just take an s. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "1 more session", "4 more sessions"; without a noun "4 more". Never below 0. */
export function moreOf(n: number, noun?: string, plural?: string): string {
  const missing = Math.max(0, n);
  if (noun === undefined) return `${missing} more`;
  return `${missing} more ${missing === 1 ? noun : (plural ?? `${noun}s`)}`;
}

/** What is shown of `have` against `need`: never more than `need` (the truth stays for `met`). */
export function shownHave(have: number, need: number): number {
  return Math.max(0, Math.min(have, need));
}

/**
 * "5 of the 8 sessions needed" while short, "the 8 sessions needed" once there (never "9 of the 8");
 * a need of one reads "the session needed".
 */
export function ofNeeded(have: number, need: number, noun: string, plural = `${noun}s`): string {
  const things = need === 1 ? noun : plural;
  if (have >= need) return need === 1 ? `the ${things} needed` : `the ${need} ${things} needed`;
  return `${shownHave(have, need)} of the ${need} ${things} needed`;
}
