import { randomUUID } from 'node:crypto';
import { ActionError } from '@soar/contracts';
import { testRedisUrl } from '@soar/testing';
import { DefenderRateLimiter } from './defender-rate-limiter';

const key = { tenantId: 't1', clientId: 'c1' };

describe('DefenderRateLimiter (Redis)', () => {
  const limiters: DefenderRateLimiter[] = [];
  const make = (prefix: string, points = 5, durationSec = 2) => {
    const l = new DefenderRateLimiter({ redis: testRedisUrl, keyPrefix: prefix, limits: { default: [{ points, durationSec }] }, windowMarginMs: 0 });
    limiters.push(l);
    return l;
  };
  afterAll(async () => Promise.all(limiters.map((l) => l.close())));

  it('lets exactly `points` concurrent calls through across instances, then throws RATE_LIMITED with retryAfterMs', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const a = make(prefix);
    const b = make(prefix);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).acquire(key, 'default')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as ActionError);
    expect(rejected).toHaveLength(7);
    for (const e of rejected) {
      expect(e).toBeInstanceOf(ActionError);
      expect(e).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
      expect(e.options.retryAfterMs).toBeGreaterThan(0);
      expect(e.options.retryAfterMs).toBeLessThanOrEqual(2001);
    }
  });

  it('frees slots as calls leave the rolling window', async () => {
    const l = make(`test-rl-${randomUUID()}`, 2, 1);
    await l.acquire(key, 'default');
    await l.acquire(key, 'default');
    const e = (await l.acquire(key, 'default').catch((x: unknown) => x)) as ActionError;
    expect(e.code).toBe('RATE_LIMITED');
    await new Promise((r) => setTimeout(r, e.options.retryAfterMs! + 20));
    await expect(l.acquire(key, 'default')).resolves.toBeUndefined();
  });

  it('keeps groups, tenants and apps apart, and gives back the minute slot when the hour window is full', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const l = new DefenderRateLimiter({
      redis: testRedisUrl,
      keyPrefix: prefix,
      limits: { default: [{ points: 5, durationSec: 60 }, { points: 2, durationSec: 3600 }], hunting: [{ points: 1, durationSec: 60 }] },
    });
    limiters.push(l);
    await l.acquire(key, 'default');
    await l.acquire(key, 'default');
    await expect(l.acquire(key, 'default')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(l.acquire(key, 'default')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await l.acquire(key, 'hunting');
    await l.acquire({ tenantId: 't2', clientId: 'c1' }, 'default');
    await l.acquire({ tenantId: 't1', clientId: 'c2' }, 'default');
    // Only the two accepted calls hold minute slots: the rejected ones were given back.
    const minuteKey = `${prefix}:default:60s:t1:c1`;
    const redisCount = await (l as unknown as { redis: { zcard(k: string): Promise<number> } }).redis.zcard(minuteKey);
    expect(redisCount).toBe(2);
  });
});
