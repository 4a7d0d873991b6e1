import { type ActionHandler } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { createCoreHandlers, RunAdvancer, RunStarter, StepExecutor, type ChildRuns, type JobScheduler } from '@soar/engine';
import { createPrismaClient, PlaybookRepository, PrismaApprovalStore, PrismaRunStore, RoundTripCounter, RunRepository } from '@soar/persistence';
import { parsePlaybook } from '@soar/playbook';
import { setChainYaml, SET_CHAIN_PLAYBOOK } from './overhead.bench';
import { approvalYaml, APPROVAL_PLAYBOOK } from './waiting-memory.bench';

export interface Tally {
  jobs: number;
  wallMs: number;
  cpuMs: number;
  roundTrips: number;
}

export interface EngineProfile {
  /** Per job kind (`<playbook>: <job>`): how many, and their total wall time, CPU time and round trips. */
  tallies: Map<string, Tally>;
  /**
   * Postgres round trips per step of the ten-step `core.set` chain: every statement of its advance
   * and step jobs (the run's start excluded: that is the API's insert), divided by its 10 steps.
   */
  roundTripsPerStep: number;
}

/**
 * Runs the engine (RunStarter, RunAdvancer, StepExecutor on PrismaRunStore) in this one process,
 * without BullMQ: each queued job runs at once, one after another, and each job's Postgres round
 * trips (every statement the pg driver sends, BEGIN and COMMIT included, counted by
 * RoundTripCounter), wall time and this process's CPU time are tallied. The playbooks are saved
 * when missing; the runs it starts stay in the database (startedBy `engine-profile`).
 */
export async function profileEngine(databaseUrl: string, options: { runs: number; warmupRuns: number }): Promise<EngineProfile> {
  const counter = new RoundTripCounter();
  const db = createPrismaClient(databaseUrl, { poolSize: 4, roundTrips: counter });
  try {
    const playbooks = new PlaybookRepository(db);
    for (const [name, yaml] of [[SET_CHAIN_PLAYBOOK, setChainYaml], [APPROVAL_PLAYBOOK, approvalYaml]] as const) {
      if (await playbooks.latest(name)) continue;
      const parsed = parsePlaybook(yaml, { catalog: actionCatalog });
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
      await playbooks.save(name, yaml, parsed.playbook, 'bench');
    }
    const jobs: { kind: 'advance' | 'step'; runId: string; stepId?: string }[] = [];
    const scheduler: JobScheduler = {
      enqueueAdvance: async (runId) => void jobs.push({ kind: 'advance', runId }),
      // Delayed jobs are durable waits (the approval's wake-up in a day): not run here.
      enqueueStep: async (runId, stepId, opts) => void (opts.delayMs ? undefined : jobs.push({ kind: 'step', runId, stepId })),
    };
    const store = new PrismaRunStore(db);
    const noChildren: ChildRuns = { start: () => Promise.reject(new Error('no sub-playbooks here')), get: async () => null };
    const handlers: ReadonlyMap<string, ActionHandler> = createCoreHandlers({ approvals: new PrismaApprovalStore(db), children: noChildren });
    const advancer = new RunAdvancer({ store, scheduler });
    // As the worker wires it: the step job advances the run itself.
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'engine-profile', advancer });
    const starter = new RunStarter({ playbooks, runs: new RunRepository(db), scheduler });

    const tallies = new Map<string, Tally>();
    const measure = async (label: string, record: boolean, work: () => Promise<unknown>) => {
      const before = counter.count;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      await work();
      if (!record) return;
      const t = tallies.get(label) ?? { jobs: 0, wallMs: 0, cpuMs: 0, roundTrips: 0 };
      const used = process.cpuUsage(cpu);
      tallies.set(label, { jobs: t.jobs + 1, wallMs: t.wallMs + performance.now() - t0, cpuMs: t.cpuMs + (used.user + used.system) / 1000, roundTrips: t.roundTrips + counter.count - before });
    };
    let chainRoundTrips = 0;
    let chainRuns = 0;
    for (const playbook of [SET_CHAIN_PLAYBOOK, APPROVAL_PLAYBOOK]) {
      for (let i = 0; i < options.warmupRuns + options.runs; i++) {
        const record = i >= options.warmupRuns; // the first runs warm up the JIT and the pool
        await measure(`${playbook}: RunStarter.start`, record, () => starter.start({ playbook, inputs: {}, startedBy: 'engine-profile' }));
        const runStart = counter.count;
        let first = true;
        while (jobs.length) {
          const job = jobs.shift()!;
          const label = job.kind === 'advance' ? (first ? 'advance (first: starts the run)' : 'advance') : `step (${playbook === SET_CHAIN_PLAYBOOK ? 'core.set' : 'core.approval, parks'})`;
          await measure(`${playbook}: ${label}`, record, () => (job.kind === 'advance' ? advancer.advance(job.runId) : executor.execute(job.runId, job.stepId!)));
          first = false;
        }
        if (record && playbook === SET_CHAIN_PLAYBOOK) {
          chainRoundTrips += counter.count - runStart;
          chainRuns++;
        }
      }
    }
    return { tallies, roundTripsPerStep: chainRoundTrips / chainRuns / 10 };
  } finally {
    await db.$disconnect();
  }
}
