/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter for a 429 without Retry-After: 1 s, 2 s, 4 s … capped at
 * `capMs`, each drawn uniformly between half and all of that value so concurrent workers spread out.
 */
export function backoffWithJitterMs(streak: number, capMs = 60_000, random: () => number = Math.random): number {
  const base = Math.min(capMs, 1000 * 2 ** Math.max(0, streak - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}
