import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * One poll per connection at a time across workers. The job scheduler adds one poll job per
 * interval, but a poll slower than the interval would overlap the next one; this lock (SET NX
 * with an expiry, released only by its holder) skips the overlapping poll instead.
 */
export async function withPollLock<T>(redis: Redis, key: string, ttlMs: number, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return { ran: false };
  try {
    return { ran: true, value: await work() };
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
