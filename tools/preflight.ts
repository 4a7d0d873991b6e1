import { Client } from 'pg';
import { Redis } from 'ioredis';

/** Hides a password in a URL before it is printed. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
};

/** Fails with a message that names the URL tried and how to start the service. */
export async function checkPostgres(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${redactUrl(url)} (${(error as Error).message}).\n` +
        `Start it, for example:\n  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        `  or: docker compose up -d postgres\nor point DATABASE_URL at a running server.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  // Without a listener ioredis prints "[ioredis] Unhandled error event" with a stack trace; the
  // failure is reported below, once, with the hint.
  redis.on('error', () => undefined);
  const port = new URL(url).port || '6379';
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Cannot reach Redis at ${redactUrl(url)} (${(error as Error).message}).\n` +
        `Start it, for example:\n  redis-server --daemonize yes --bind 127.0.0.1 --port ${port}\n` +
        `  or: docker compose up -d redis\nor point REDIS_URL at a running server.`,
    );
  } finally {
    redis.disconnect();
  }
}
