import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const run = promisify(execFile);

/**
 * Applies pending migrations with the Prisma CLI (`migrate deploy`, which never creates or resets
 * anything). It runs offline: prisma.config.ts selects the WebAssembly schema engine.
 */
export async function migrateDatabase(databaseUrl: string, repoRoot = path.resolve(__dirname, '../../..')): Promise<void> {
  await run(process.execPath, [require.resolve('prisma/build/index.js'), 'migrate', 'deploy'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}
