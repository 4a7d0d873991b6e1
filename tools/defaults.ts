/** Local defaults shared by `npm start`, the Prisma CLI and the tests. */
export const defaultDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/defender_soar';
export const defaultRedisUrl = 'redis://127.0.0.1:6379';
