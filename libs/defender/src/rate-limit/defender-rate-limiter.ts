import { ActionError, DEFENDER_ERROR_CODES } from '@soar/contracts';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimitedError } from '../defender-api.error';
import type { DefenderCallLimiter } from '../http/defender-http';
import { DEFENDER_ENDPOINT_GROUPS, type DefenderEndpointGroup } from '../http/endpoint-groups';
import { DEFAULT_DEFENDER_RATE_LIMITS, type DefenderRateLimits, type RateLimit } from './defender-rate-limits';
import { slidingWindowLua } from './sliding-window.lua';

export interface DefenderRateLimiterOptions {
  /** Redis URL, or a client to duplicate (the limiter defines a Lua command on its own connection). */
  redis: string | Redis;
  /** Key prefix; default `defender-rl`. Use a unique one per test. */
  keyPrefix?: string;
  /** Per-group overrides of DEFAULT_DEFENDER_RATE_LIMITS (a group's list replaces the default list). */
  limits?: Partial<DefenderRateLimits>;
  /**
   * Extra time each call counts against its window, covering the delay between taking a slot and
   * the request reaching Defender. Default 500 ms (under 1% of a one-minute window).
   */
  windowMarginMs?: number;
}

/**
 * Reserves Defender call slots in Redis so every worker, and every client instance, shares one
 * budget per application + tenant (which is how Defender counts) and endpoint group. It never
 * sleeps: when no slot is free `acquire` throws a retryable `RATE_LIMITED` ActionError whose
 * `retryAfterMs` says when one frees up, and the engine parks the step durably until then.
 */
export class DefenderRateLimiter implements DefenderCallLimiter {
  readonly limits: DefenderRateLimits;
  private readonly redis: Redis;
  private readonly limiters: Map<DefenderEndpointGroup, RateLimiterRedis[]>;

  constructor(options: DefenderRateLimiterOptions) {
    this.limits = { ...DEFAULT_DEFENDER_RATE_LIMITS, ...options.limits };
    this.redis =
      typeof options.redis === 'string'
        ? new Redis(options.redis, { maxRetriesPerRequest: 2, connectionName: 'defender-rate-limiter' })
        : options.redis.duplicate();
    const prefix = options.keyPrefix ?? 'defender-rl';
    // One script per connection: RateLimiterRedis defines it as a command on the (dedicated) client.
    const script = slidingWindowLua(options.windowMarginMs ?? 500);
    this.limiters = new Map(
      DEFENDER_ENDPOINT_GROUPS.map((group) => [
        group,
        this.limits[group].map(
          (limit: RateLimit) =>
            new RateLimiterRedis({
              storeClient: this.redis,
              keyPrefix: `${prefix}:${group}:${limit.durationSec}s`,
              points: limit.points,
              duration: limit.durationSec,
              customIncrTtlLuaScript: script,
            }),
        ),
      ]),
    );
  }

  /** Takes one slot in every window of the group, or none (slots taken in shorter windows are given back). */
  async acquire(key: { tenantId: string; clientId: string }, group: DefenderEndpointGroup): Promise<void> {
    const id = `${key.tenantId}:${key.clientId}`;
    const taken: RateLimiterRedis[] = [];
    for (const limiter of this.limiters.get(group) ?? []) {
      try {
        await limiter.consume(id, 1);
        taken.push(limiter);
      } catch (rejection) {
        await Promise.allSettled(taken.map((l) => l.reward(id, 1)));
        if (rejection instanceof RateLimiterRes) throw rateLimitedError(group, rejection.msBeforeNext);
        throw new ActionError(
          DEFENDER_ERROR_CODES.rateLimiterUnavailable,
          `Defender rate limiter unavailable: ${(rejection as Error)?.message ?? String(rejection)}`,
          true,
          { retryAfterMs: 5000 },
        );
      }
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
