import pg from 'pg';
import { testDatabaseUrl } from '@soar/testing';
import { isDependencyUnavailable } from './dependency-unavailable';

describe('isDependencyUnavailable: what the API answers with 503 instead of 500', () => {
  it('recognises a burst that leaves no free database connection in time (the pg pool timeout)', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 1, connectionTimeoutMillis: 10_000 });
    const held = await pool.connect(); // the pool's only connection, taken (connecting may be slow on a busy machine)
    // pg-pool reads the timeout at each checkout: the next one waits 200 ms for a free connection.
    pool.options.connectionTimeoutMillis = 200;
    try {
      const error = await pool.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isDependencyUnavailable(error)).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('recognises a refused connection and Postgres refusing clients, not a bug or a constraint violation', async () => {
    const pool = new pg.Pool({ connectionString: 'postgresql://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    const refused = await pool.query('SELECT 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    await pool.end();
    expect(isDependencyUnavailable(refused)).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});
