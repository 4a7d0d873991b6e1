import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import type { RoundTripCounter } from './round-trip-counter';

export type Db = InstanceType<typeof PrismaClient>;

/**
 * One Prisma client per process, on the pg driver adapter (no native query engine). `roundTrips`
 * counts every statement sent (for the engine profile; off by default).
 */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number; roundTrips?: RoundTripCounter } = {}): Db {
  const config: pg.PoolConfig = { connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 };
  if (!options.roundTrips) return new PrismaClient({ adapter: new PrismaPg(config) });
  const pool = new pg.Pool(config);
  options.roundTrips.attach(pool);
  // The pool is ours, but $disconnect must still close it as it closes one the adapter made.
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
