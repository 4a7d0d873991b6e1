/**
 * Defender writes UTC timestamps with 7 fractional digits (`2021-01-26T20:33:57.7220239Z`);
 * emitting the same shape catches clients that parse dates with a 3-digit assumption.
 */
export function toDefenderTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
