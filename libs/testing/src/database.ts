import { createPrismaClient, type Db } from '@soar/persistence';
import { testDatabaseUrl } from './test-env';

/** A Prisma client on the test database; close it in afterAll. */
export const createTestDb = (): Db => createPrismaClient(testDatabaseUrl, { poolSize: 5 });

/** Empties every table between tests (the schema itself is migrated once in global setup). */
export async function resetDatabase(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    'TRUNCATE audit_entries, api_keys, intake_alerts, trigger_firings, intake_sources, defender_connections, approvals, run_events, step_attempts, step_runs, runs, playbook_versions, playbooks RESTART IDENTITY CASCADE',
  );
}
