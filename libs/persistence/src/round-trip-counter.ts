import type pg from 'pg';

/**
 * Counts the statements one Prisma client sends to Postgres: every `query` on a pooled connection
 * (BEGIN and COMMIT of a transaction included), which on the pg driver is one network round trip
 * each. The engine profile (`tools/bench/engine-profile.ts`) and its test read it to report and
 * bound the round trips per step; production clients do not carry one.
 */
export class RoundTripCounter {
  count = 0;

  /** Wraps `query` of every connection the pool opens from now on. */
  attach(pool: pg.Pool): void {
    pool.on('connect', (client: pg.PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        this.count++;
        return query(...args);
      };
    });
  }
}
