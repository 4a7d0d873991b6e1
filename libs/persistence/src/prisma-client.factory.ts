import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import type { RoundTripCounter } from './round-trip-counter';

export type Db = InstanceType<typeof PrismaClient>;

const pools = new WeakMap<Db, pg.Pool>();

/**
 * One Prisma client per process, on the pg driver adapter (no native query engine), over a pg pool
 * of our own so the engine's hot-path statements can use it directly (`sqlOf`). `roundTrips`
 * counts every statement sent (for the engine profile; off by default).
 */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number; roundTrips?: RoundTripCounter } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
  options.roundTrips?.attach(pool);
  // The pool is ours, but $disconnect must still close it, as it closes one the adapter made.
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * Where raw statements of `db` go: the pg pool under a client made by createPrismaClient (same
 * connections, same limit), else (a client made elsewhere, e.g. a test's on its own schema)
 * Prisma's `$queryRawUnsafe`, same statements and parameters, slower.
 */
export function sqlOf(db: Db): { query(text: string, values: unknown[], name?: string): Promise<{ rows: unknown[] }> } {
  const pool = pools.get(db);
  if (pool) return { query: (text, values, name) => pool.query(name ? { name, text, values } : { text, values }) };
  return { query: async (text, values) => ({ rows: await db.$queryRawUnsafe<unknown[]>(text, ...values) }) };
}
