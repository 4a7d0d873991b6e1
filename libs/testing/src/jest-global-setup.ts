import { execFileSync } from 'node:child_process';
import { testDatabaseUrl } from './test-env';
// Jest runs globalSetup outside its moduleNameMapper, so the @soar/* alias does not resolve here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ensureDatabase } from '../../persistence/src/ensure-database';

/** Creates the test database if needed and applies migrations once per `npm test`. */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(testDatabaseUrl);
  execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl },
    stdio: 'pipe',
  });
}
