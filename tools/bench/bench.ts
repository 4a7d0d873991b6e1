/**
 * `npm run bench`: measures the engine on this machine and prints a table (stdout): each row as
 * its phase completes, then the whole table; progress goes to stderr. Options: --workers N (worker
 * processes, default 2), --runs (isolation runs), --chain-runs, --raw-jobs, --waiting, --backlog,
 * --foreach-items, --worker-concurrency, --overhead-runs, --latency-seconds, --only 1,2,9 (rows),
 * --intake-rate, --intake-seconds, --intake-burst (rows 10 and 11), --time-limit SECONDS (default
 * 900). Each phase has a time budget of its own (see BUDGET_S), so a slow one reports that it ran
 * out of time instead of taking the others' time (the budgets add up to ~14 minutes: a busy
 * 2-core machine needs them; an idle one finishes well within); past --time-limit the table so far is printed
 * and the bench kills its workers and exits.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSimulatorCertificate } from '@soar/defender-sim';
import { benchAnalystBehindBacklog } from './analyst-behind-backlog.bench';
import { benchDatabaseUrl, killWorkersNow, startBenchStack, type BenchStack } from './bench-stack';
import { benchE2eThroughput, ISOLATION_PLAYBOOK, isolationYaml } from './e2e-throughput.bench';
import { profileEngine } from './engine-profile-harness';
import { benchForeach, foreachYaml } from './foreach.bench';
import { createIsolationTargets } from './isolation-targets';
import { describeMachine } from './machine-info';
import { benchOverhead, setChainYaml, SET_CHAIN_PLAYBOOK } from './overhead.bench';
import { benchRawBullmq } from './raw-bullmq.bench';
import { buildDetails, buildRows, PHASES, phaseRows, TABLE_HEADER, type BenchResults, type Outcome, type Phase } from './report';
import { waitForRuns } from './run-timings';
import { benchStartLatency } from './start-latency.bench';
import { benchIntakeBurst, benchIntakeLatency, intakeYaml } from './intake.bench';
import { fmt, mapLimit, sleep } from './stats';
import { renderTable } from './table';
import { approvalYaml, benchWaitingMemory } from './waiting-memory.bench';

const repo = path.resolve(__dirname, '../..');

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '500' },
    'chain-runs': { type: 'string', default: '100' },
    backlog: { type: 'string', default: '10000' },
    'foreach-items': { type: 'string', default: '1000' },
    'raw-jobs': { type: 'string', default: '20000' },
    waiting: { type: 'string', default: '10000' },
    'worker-concurrency': { type: 'string', default: '20' },
    'overhead-runs': { type: 'string', default: '20' },
    'latency-seconds': { type: 'string', default: '10' },
    only: { type: 'string', default: PHASES.map((p) => p.id).join(',') },
    'intake-rate': { type: 'string', default: '100' },
    'intake-seconds': { type: 'string', default: '5' },
    'intake-burst': { type: 'string', default: '10000' },
    'time-limit': { type: 'string', default: '900' },
  },
});
const int = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const opts = {
  workers: int('workers'),
  runs: int('runs'),
  chainRuns: int('chain-runs'),
  backlog: int('backlog'),
  foreachItems: int('foreach-items'),
  rawJobs: int('raw-jobs'),
  waiting: int('waiting'),
  workerConcurrency: int('worker-concurrency'),
  overheadRuns: int('overhead-runs'),
  latencySeconds: int('latency-seconds'),
  intakeRate: int('intake-rate'),
  intakeSeconds: int('intake-seconds'),
  intakeBurst: int('intake-burst'),
  phases: new Set(String(args.only).split(',').map((p) => p.trim())),
  timeLimitMs: int('time-limit') * 1000,
};
/** The whole run must end by itself; past this it kills what it started and exits. */
const TIME_LIMIT_MS = opts.timeLimitMs;
/** How long the final cleanup may take before the workers are killed instead. */
const CLEANUP_LIMIT_MS = 60_000;

const began = Date.now();
const progress = (message: string) => console.error(`[bench ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${message}`);

/**
 * Each phase's time budget in seconds: a phase past it is reported as out of time and the next one
 * starts (work it left behind may slow that one down; the row says so). Sized for 2 busy cores.
 */
const BUDGET_S: Record<Phase, number> = {
  raw: 30,
  chain: 60,
  isolation: 120,
  overhead: 30,
  latency: 45,
  profile: 30,
  foreach: 150,
  backlog: 150, // most of it queuing the 10,000 runs and removing them again
  waiting: 120,
  intakeLatency: 30,
  intakeBurst: 45,
};

const results: BenchResults = {};

/** Runs one phase within its budget, records its outcome and prints its rows at once. */
async function measure<T>(phase: Phase, label: string, run: (budgetMs: number) => Promise<T>): Promise<Outcome<T>> {
  const meta = PHASES.find((p) => p.phase === phase)!;
  let outcome: Outcome<T>;
  if (!opts.phases.has(meta.id)) outcome = { ok: false, error: 'skipped (--only)' };
  else {
    const budgetMs = BUDGET_S[phase] * 1000;
    progress(`${meta.id} ${label} (budget ${BUDGET_S[phase]} s)…`);
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<Outcome<T>>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: `out of time: its budget of ${BUDGET_S[phase]} s ran out (rows after it may be slowed by its leftover work)` }), budgetMs);
    });
    const work = run(budgetMs).then(
      (value): Outcome<T> => ({ ok: true, value }),
      (error: unknown): Outcome<T> => {
        progress(`${meta.id} ${label} failed: ${(error as Error).stack ?? String(error)}`);
        return { ok: false, error: (error as Error).message ?? String(error) };
      },
    );
    outcome = await Promise.race([work, outOfTime]);
    clearTimeout(timer);
  }
  (results as Record<Phase, Outcome<unknown>>)[phase] = outcome;
  // Printed at once, so a run cut short still shows what it measured (the full table follows at the end).
  if (outcome.ok || !outcome.error.startsWith('skipped')) for (const row of phaseRows(phase, results)) console.log(row.join(' | '));
  return outcome;
}

/** The whole table, with what ran so far (rows not reached say so). */
function report(machineLine: string[], final: boolean): string {
  return [
    '',
    `Defender SOAR benchmark (${new Date().toISOString()})${final ? '' : ': PARTIAL, stopped before the end (time limit or signal)'}`,
    ...machineLine,
    `Load:     1-minute load average ${fmt(loadBefore, 2)} before, ${fmt(os.loadavg()[0]!, 2)} ${final ? 'after' : 'when stopped'}${loadBefore > os.availableParallelism() / 2 ? ' (the machine was busy with other work before the bench started: figures are lower than on an idle machine)' : ''}`,
    `Setup:    ${opts.workers} worker process(es) x concurrency ${opts.workerConcurrency}; simulator latency 0 ms, actions complete at once; Defender rate limits off`,
    '',
    renderTable(TABLE_HEADER, buildRows(results)),
    '',
    ...buildDetails(results),
    `Total time: ${fmt((Date.now() - began) / 1000, 1)} s`,
  ].join('\n');
}

const loadBefore = os.loadavg()[0]!;
let machineLines: string[] = [];

async function main(): Promise<number> {
  const machine = describeMachine();
  await ensureSimulatorCertificate(path.join(repo, '.sim-state'));
  progress('preparing database defender_soar_bench, starting the simulator and the API');
  stack = await startBenchStack({ workerConcurrency: opts.workerConcurrency });
  const s = stack;
  const [pg] = await s.db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const redisVersion = /redis_version:(\S+)/.exec(await s.redis.info('server'))?.[1] ?? 'unknown';
  machineLines = [
    `Machine:  ${machine.cpuModel}, ${machine.cores} cores, ${fmt(machine.ramGiB, 1)} GiB RAM, Node.js ${machine.node}, ${machine.kernel}`,
    `Services: PostgreSQL ${pg?.server_version ?? '?'}, Redis ${redisVersion} (local); everything below ran in this invocation`,
  ];

  for (const yaml of [isolationYaml, setChainYaml, approvalYaml, intakeYaml, foreachYaml]) await s.savePlaybook(yaml);
  // Every isolation run gets an alert on a machine of its own (Defender reports a second pending
  // isolation of one machine as a conflict): warm-up, row 3, row 5 (cycled) and row 6.
  progress('creating isolation targets (alerts on machines of their own) in the simulator');
  const targets = await createIsolationTargets(s.sim, 10 * opts.workers + opts.runs + 300 + 1, 't');
  const warmTargets = targets.slice(0, 10 * opts.workers);
  const runTargets = targets.slice(warmTargets.length, warmTargets.length + opts.runs);
  const latencyTargets = targets.slice(warmTargets.length + opts.runs, -1);
  const analystTarget = targets[targets.length - 1]!;

  progress(`starting ${opts.workers} worker process(es)`);
  for (let i = 0; i < opts.workers; i++) s.spawnWorker();
  await s.waitForWorkers(opts.workers);

  // Warm-up (not measured): Defender tokens, JIT, connection pools of every worker.
  progress('warm-up');
  await mapLimit(Array.from({ length: 10 * opts.workers }, (_, i) => i), 10, (i) =>
    s.starter.start({ playbook: i % 2 ? SET_CHAIN_PLAYBOOK : ISOLATION_PLAYBOOK, inputs: i % 2 ? {} : { alert_id: warmTargets[i] }, startedBy: 'bench:warmup' }),
  );
  const warm = await waitForRuns(s.db, { startedBy: 'bench:warmup' }, 10 * opts.workers, 60_000);
  if (warm.succeeded !== 10 * opts.workers) throw new Error(`warm-up runs did not all succeed: ${JSON.stringify(warm)}`);

  const raw = await measure('raw', 'raw BullMQ', () => benchRawBullmq({ prefix: s.prefix, jobs: opts.rawJobs, concurrency: 50 }));
  await measure('chain', `${opts.chainRuns} chains of 10 core.set steps`, (budgetMs) =>
    benchE2eThroughput(s, { runs: opts.chainRuns, workers: opts.workers, playbook: SET_CHAIN_PLAYBOOK, startedBy: 'bench:chain', timeoutMs: budgetMs }),
  );
  const isolation = await measure('isolation', `${opts.runs} isolation runs`, (budgetMs) =>
    benchE2eThroughput(s, { runs: opts.runs, workers: opts.workers, playbook: ISOLATION_PLAYBOOK, startedBy: 'bench:e2e', alertIds: runTargets, timeoutMs: budgetMs }),
  );
  void raw;
  await measure('overhead', 'per-step overhead', () => benchOverhead(s, { runs: opts.overheadRuns }));
  const rate = isolation.ok ? Math.max(1, isolation.value.runsPerSecond / 2) : 5;
  await measure('latency', `start latency at ${fmt(rate, 1)} runs/s`, () =>
    benchStartLatency(s, { rate, runs: Math.max(20, Math.round(rate * opts.latencySeconds)), alertIds: latencyTargets }),
  );
  await measure('profile', 'engine profile (round trips per step)', () => profileEngine(benchDatabaseUrl, { runs: 20, warmupRuns: 5 }));
  await measure('foreach', `foreach of ${fmt(opts.foreachItems)} items`, (budgetMs) => benchForeach(s, { items: opts.foreachItems, timeoutMs: budgetMs }));
  await measure('backlog', `analyst's run behind ${fmt(opts.backlog)} queued runs`, (budgetMs) =>
    benchAnalystBehindBacklog(s, { backlog: opts.backlog, alertId: analystTarget, timeoutMs: budgetMs }),
  );
  await measure('waiting', `${fmt(opts.waiting)} waiting runs`, (budgetMs) =>
    benchWaitingMemory(s, { runs: opts.waiting, workers: opts.workers, batch: 500, backlog: 2000, timeoutMs: budgetMs - 10_000 }),
  );
  await measure('intakeLatency', `webhook alert latency at ${opts.intakeRate} alerts/s`, () =>
    benchIntakeLatency(s, { rate: opts.intakeRate, alerts: opts.intakeRate * opts.intakeSeconds }),
  );
  await measure('intakeBurst', `burst of ${fmt(opts.intakeBurst)} alerts`, (budgetMs) => benchIntakeBurst(s, { alerts: opts.intakeBurst, timeoutMs: budgetMs - 5_000 }));

  progress('cleaning up');
  stack = undefined;
  // Bounded: a phase that ran out of time leaves work behind (a worker finishing its jobs, the API
  // holding a load generator's keep-alive connections), and the figures must not wait on it. The
  // next invocation empties the bench database and queue before it measures anything.
  const cleaned = await Promise.race([s.close().then(() => true), sleep(CLEANUP_LIMIT_MS).then(() => false)]);
  if (!cleaned) {
    progress(`cleanup did not finish within ${CLEANUP_LIMIT_MS / 1000} s; killing the workers (the next run empties the bench database)`);
    killWorkersNow(s);
  }
  for (const log of s.workerLogs) progress(`a worker logged:\n${log.split('\n').slice(0, 20).join('\n')}`);
  console.log(report(machineLines, true));
  return Object.values(results).every((r) => r.ok || r.error.startsWith('skipped')) ? 0 : 1;
}

let stack: BenchStack | undefined;
const abort = (why: string, code: number) => {
  console.error(`[bench] ${why}; killing worker processes`);
  killWorkersNow(stack);
  process.exit(code);
};
setTimeout(() => {
  console.log(report(machineLines, false));
  abort(`time limit of ${TIME_LIMIT_MS / 1000} s reached`, 2);
}, TIME_LIMIT_MS).unref();
// Interrupted: still print what was measured.
process.once('SIGINT', () => (console.log(report(machineLines, false)), abort('interrupted', 130)));
process.once('SIGTERM', () => (console.log(report(machineLines, false)), abort('terminated', 143)));

main()
  .then((code) => process.exit(code)) // servers and pools are closed; exit without waiting on stray timers
  .catch(async (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
    // Best effort: stop the workers and empty the bench database and queue, within 20 s.
    const s = stack;
    await Promise.race([s?.close(), new Promise((r) => setTimeout(r, 20_000))]).catch(() => undefined);
    for (const log of s?.workerLogs ?? []) console.error(`[bench] a worker logged:\n${log.split('\n').slice(0, 20).join('\n')}`);
    abort('gave up', 1);
  });
