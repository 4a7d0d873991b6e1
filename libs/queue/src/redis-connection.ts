import { Redis } from 'ioredis';

/**
 * A Redis connection suitable for BullMQ: workers block on Redis, so requests must not time out
 * (`maxRetriesPerRequest: null`), and a lost connection is retried forever with a capped delay.
 */
export function createRedisConnection(url: string, name: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: name,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
}
