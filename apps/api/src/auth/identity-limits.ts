import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Per-identity budgets in Redis, shared by every API process: requests a minute, and runs started a
 * minute. rate-limiter-flexible (already our Redis limiter for intake polling) rather than
 * @nestjs/throttler: one library for every Redis-backed limit, over the ioredis connection we have.
 */
export class IdentityLimits {
  private readonly requests: RateLimiterRedis | null;
  private readonly runStarts: RateLimiterRedis | null;

  constructor(options: { redis: Redis; keyPrefix: string; requestsPerMinute: number; runStartsPerMinute: number }) {
    const limiter = (name: string, points: number) =>
      points > 0 ? new RateLimiterRedis({ storeClient: options.redis, keyPrefix: `${options.keyPrefix}:limit:${name}`, points, duration: 60 }) : null;
    this.requests = limiter('requests', options.requestsPerMinute);
    this.runStarts = limiter('run-starts', options.runStartsPerMinute);
  }

  /** Takes one request slot for `identity`; the seconds to wait when none is left. */
  takeRequest = (identity: string) => take(this.requests, identity);
  /** Takes one run-start slot for `identity`; the seconds to wait when none is left. */
  takeRunStart = (identity: string) => take(this.runStarts, identity);
}

async function take(limiter: RateLimiterRedis | null, identity: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  if (!limiter) return { ok: true };
  try {
    await limiter.consume(identity);
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}
