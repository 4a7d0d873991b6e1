import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * The pollers' own share of a connection's Defender quota (default 10 % of 100 calls a minute), in
 * Redis so every worker counts against it. Every poll call also goes through the shared Defender
 * rate limiter; this cap keeps polling from ever using the slots playbook steps need.
 */
export class PollBudget {
  private readonly limiter: RateLimiterRedis;

  constructor(options: { redis: Redis; keyPrefix: string; callsPerMinute: number }) {
    this.limiter = new RateLimiterRedis({ storeClient: options.redis, keyPrefix: `${options.keyPrefix}:intake-poll-budget`, points: Math.max(1, Math.floor(options.callsPerMinute)), duration: 60 });
  }

  /** Takes `calls` slots, or returns how long until they free up. */
  async take(connection: string, calls: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
    try {
      await this.limiter.consume(connection, calls);
      return { ok: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterMs: rejection.msBeforeNext };
      throw rejection;
    }
  }
}
