/**
 * Where the integration and end-to-end tests find the machine's real Postgres and Redis. A
 * dedicated database keeps test data away from the one `npm start` uses.
 */
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/defender_soar_test';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
