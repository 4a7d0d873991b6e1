/**
 * Creates the database if missing, applies migrations and loads the built-in playbooks.
 * Used by `npm start` and, as a script, by the compose `migrate` service.
 */
import path from 'node:path';
import { coreEnvSchema, parseEnvironment } from '@soar/contracts';
import { createPrismaClient, migrateDatabase } from '@soar/persistence';
import { ensureDatabase } from '@soar/persistence';
import { loadBuiltInPlaybooks } from './load-built-in-playbooks';

export async function prepareDatabase(databaseUrl: string): Promise<{ name: string; version: number }[]> {
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl, path.resolve(__dirname, '..'));
  const db = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    return await loadBuiltInPlaybooks(db);
  } finally {
    await db.$disconnect();
  }
}

if (require.main === module) {
  const env = parseEnvironment(coreEnvSchema, process.env);
  prepareDatabase(env.DATABASE_URL)
    .then((loaded) => console.log(`database ready; built-in playbooks: ${loaded.map((p) => `${p.name} v${p.version}`).join(', ')}`))
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
