import type { GroupLimit } from './endpoint-groups';

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Sliding-window log per key (app + tenant + API). Rejected calls are not counted, so a client
 * that honours Retry-After gets through exactly when the window frees a slot.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  check(key: string, limit: GroupLimit, now: number): LimitVerdict {
    const log = (this.hits.get(key) ?? []).filter((t) => t > now - HOUR);
    this.hits.set(key, log);
    const inMinute = log.filter((t) => t > now - MINUTE);
    if (inMinute.length >= limit.perMinute) return { allowed: false, retryAfterSeconds: secondsUntil(inMinute[inMinute.length - limit.perMinute]! + MINUTE, now) };
    if (limit.perHour !== undefined && log.length >= limit.perHour) return { allowed: false, retryAfterSeconds: secondsUntil(log[log.length - limit.perHour]! + HOUR, now) };
    log.push(now);
    return { allowed: true };
  }

  reset(): void {
    this.hits.clear();
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
