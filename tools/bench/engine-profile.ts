/**
 * Where a step's time goes, without BullMQ or other processes: runs the engine (RunStarter,
 * RunAdvancer, StepExecutor on PrismaRunStore) in this one process against the bench database,
 * runs each queued job at once, and counts per job the Postgres round trips (every query the pg
 * driver sends, BEGIN and COMMIT included), the wall time and this process's CPU time.
 *
 *   node -r ./tools/register.js tools/bench/engine-profile.ts
 *
 * Not part of `npm run bench` (it empties the same database: do not run both at once).
 */
import pg from 'pg';
import type { ActionHandler } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { createCoreHandlers, RunAdvancer, RunStarter, StepExecutor, type ChildRuns, type JobScheduler } from '@soar/engine';
import { createPrismaClient, ensureDatabase, PlaybookRepository, PrismaApprovalStore, PrismaRunStore, RunRepository } from '@soar/persistence';
import { parsePlaybook } from '@soar/playbook';
import { benchDatabaseUrl, truncateAll } from './bench-stack';
import { setChainYaml, SET_CHAIN_PLAYBOOK } from './overhead.bench';
import { fmt } from './stats';
import { renderTable } from './table';
import { approvalYaml, APPROVAL_PLAYBOOK } from './waiting-memory.bench';

let roundTrips = 0;
const query = pg.Client.prototype.query;
// Counts every query the driver sends (Prisma's adapter uses pg.Client through pg.Pool).
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

interface Tally {
  jobs: number;
  wallMs: number;
  cpuMs: number;
  roundTrips: number;
}

async function main(): Promise<void> {
  await ensureDatabase(benchDatabaseUrl);
  const db = createPrismaClient(benchDatabaseUrl, { poolSize: 4 });
  try {
    await truncateAll(db);
    const playbooks = new PlaybookRepository(db);
    for (const [name, yaml] of [[SET_CHAIN_PLAYBOOK, setChainYaml], [APPROVAL_PLAYBOOK, approvalYaml]] as const) {
      const parsed = parsePlaybook(yaml, { catalog: actionCatalog });
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
      await playbooks.save(name, yaml, parsed.playbook, 'bench');
    }
    const jobs: { kind: 'advance' | 'step'; runId: string; stepId?: string }[] = [];
    const scheduler: JobScheduler = {
      enqueueAdvance: async (runId) => void jobs.push({ kind: 'advance', runId }),
      // Delayed jobs are durable waits (the approval's wake-up in a day): not run here.
      enqueueStep: async (runId, stepId, options) => void (options.delayMs ? undefined : jobs.push({ kind: 'step', runId, stepId })),
    };
    const store = new PrismaRunStore(db);
    const noChildren: ChildRuns = { start: () => Promise.reject(new Error('no sub-playbooks here')), get: async () => null };
    const handlers: ReadonlyMap<string, ActionHandler> = createCoreHandlers({ approvals: new PrismaApprovalStore(db), children: noChildren });
    const advancer = new RunAdvancer({ store, scheduler });
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'engine-profile' });
    const starter = new RunStarter({ playbooks, runs: new RunRepository(db), scheduler });

    const tallies = new Map<string, Tally>();
    const measure = async (label: string, record: boolean, work: () => Promise<unknown>) => {
      roundTrips = 0;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      await work();
      if (!record) return;
      const t = tallies.get(label) ?? { jobs: 0, wallMs: 0, cpuMs: 0, roundTrips: 0 };
      const used = process.cpuUsage(cpu);
      tallies.set(label, { jobs: t.jobs + 1, wallMs: t.wallMs + performance.now() - t0, cpuMs: t.cpuMs + (used.user + used.system) / 1000, roundTrips: t.roundTrips + roundTrips });
    };
    for (const playbook of [SET_CHAIN_PLAYBOOK, APPROVAL_PLAYBOOK]) {
      for (let i = 0; i < 60; i++) {
        const record = i >= 10; // the first runs warm up the JIT and the pool
        await measure(`${playbook}: RunStarter.start`, record, () => starter.start({ playbook, inputs: {}, startedBy: 'engine-profile' }));
        let first = true;
        while (jobs.length) {
          const job = jobs.shift()!;
          const label = job.kind === 'advance' ? (first ? 'advance (first: starts the run)' : 'advance') : `step (${playbook === SET_CHAIN_PLAYBOOK ? 'core.set' : 'core.approval, parks'})`;
          await measure(`${playbook}: ${label}`, record, () => (job.kind === 'advance' ? advancer.advance(job.runId) : executor.execute(job.runId, job.stepId!)));
          first = false;
        }
      }
    }
    const rows = [...tallies].map(([label, t]) => [label, fmt(t.jobs), fmt(t.roundTrips / t.jobs, 1), fmt(t.wallMs / t.jobs, 2), fmt(t.cpuMs / t.jobs, 2)]);
    console.log(renderTable(['Job', 'Count', 'PG round trips/job', 'Wall ms/job', 'CPU ms/job'], rows));
  } finally {
    await truncateAll(db);
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
