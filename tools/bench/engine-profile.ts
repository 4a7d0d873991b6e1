/**
 * Where a step's time goes, without BullMQ or other processes: runs the engine in this one process
 * against the bench database (see engine-profile-harness.ts) and prints, per job kind, the Postgres
 * round trips, wall time and CPU time.
 *
 *   node -r ./tools/register.js tools/bench/engine-profile.ts
 *
 * Not part of `npm run bench` (it empties the same database: do not run both at once); the bench
 * reports its round trips per step as a row of its own.
 */
import { createPrismaClient, ensureDatabase } from '@soar/persistence';
import { benchDatabaseUrl, truncateAll } from './bench-stack';
import { profileEngine } from './engine-profile-harness';
import { fmt } from './stats';
import { renderTable } from './table';

async function main(): Promise<void> {
  await ensureDatabase(benchDatabaseUrl);
  const db = createPrismaClient(benchDatabaseUrl, { poolSize: 1 });
  try {
    await truncateAll(db);
    const profile = await profileEngine(benchDatabaseUrl, { runs: 50, warmupRuns: 10 });
    const rows = [...profile.tallies].map(([label, t]) => [label, fmt(t.jobs), fmt(t.roundTrips / t.jobs, 1), fmt(t.wallMs / t.jobs, 2), fmt(t.cpuMs / t.jobs, 2)]);
    console.log(renderTable(['Job', 'Count', 'PG round trips/job', 'Wall ms/job', 'CPU ms/job'], rows));
    console.log(`\nPostgres round trips per step (ten-step core.set chain, its advances and steps): ${fmt(profile.roundTripsPerStep, 1)}`);
  } finally {
    await truncateAll(db);
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
