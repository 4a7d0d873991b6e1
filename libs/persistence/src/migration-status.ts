import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './prisma-client.factory';

const DEFAULT_DIR = path.resolve(__dirname, '../../../prisma/migrations');

/**
 * Migrations this build ships that the database has not applied (finished and not rolled back).
 * A process is only ready once this is empty: new code on an old schema fails on its first query,
 * which is why the Helm chart migrates in a pre-upgrade hook before new pods start.
 */
export async function missingMigrations(db: Db, dir: string = DEFAULT_DIR): Promise<string[]> {
  const shipped = shippedMigrations(dir);
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  return shipped.filter((name) => !applied.has(name));
}

let cached: { dir: string; names: string[] } | undefined;
function shippedMigrations(dir: string): string[] {
  if (cached?.dir !== dir) {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    cached = { dir, names };
  }
  return cached.names;
}
