import { createTestDb, resetDatabase, testDatabaseUrl } from '@soar/testing';
import { profileEngine } from './engine-profile-harness';

/**
 * Issue 14's budget of Postgres round trips per step, as the engine profile counts them (every
 * statement the pg driver sends for a ten-step core.set chain's advances and steps, over its
 * steps). A count, not a time: it holds on a busy machine. Lower the bound when the hot path sends
 * fewer statements; a change that adds some fails here.
 */
// 27.1 before issue 14 (Prisma transactions of 4-8 statements per transition); 6.3 with each
// transition one statement (a load, a claim, the parameters, the result, then an advance's load
// and queueing); 3 now: a load, a claim that records the parameters (and starts the run, for its
// first step), and a success that queues the next step or ends the run. No advance job at all:
// the start queues the first step's job itself. Target: 3.
const ROUND_TRIPS_PER_STEP_AT_MOST = 3;

describe('engine profile: Postgres round trips per step', () => {
  it(`sends at most ${ROUND_TRIPS_PER_STEP_AT_MOST} statements per core.set step`, async () => {
    const db = createTestDb();
    try {
      await resetDatabase(db);
      const profile = await profileEngine(testDatabaseUrl, { runs: 3, warmupRuns: 1 });
      expect(profile.roundTripsPerStep).toBeGreaterThan(0);
      expect(profile.roundTripsPerStep).toBeLessThanOrEqual(ROUND_TRIPS_PER_STEP_AT_MOST);
    } finally {
      await db.$disconnect();
    }
  });
});
