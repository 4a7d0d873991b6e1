/**
 * `npm run bench`: measures the engine on this machine and prints one table (stdout); progress
 * goes to stderr. Options: --workers N (worker processes, default 2), --runs, --raw-jobs,
 * --waiting, --worker-concurrency, --overhead-runs, --latency-seconds, --only 1,2,5 (phases),
 * --intake-rate, --intake-seconds, --intake-burst (phases 6 and 7),
 * --time-limit SECONDS (default 290: the whole run ends by itself in under 5 minutes; phase 5 gets
 * whatever time is left and reports how many runs it parked if that was not enough).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSimulatorCertificate } from '@soar/defender-sim';
import { killWorkersNow, startBenchStack, type BenchStack } from './bench-stack';
import { ALERT_IDS, benchE2eThroughput, ISOLATION_PLAYBOOK, isolationYaml } from './e2e-throughput.bench';
import { describeMachine } from './machine-info';
import { benchOverhead, setChainYaml, SET_CHAIN_PLAYBOOK } from './overhead.bench';
import { benchRawBullmq } from './raw-bullmq.bench';
import { buildDetails, buildRows, TABLE_HEADER, type BenchResults, type Outcome } from './report';
import { waitForRuns } from './run-timings';
import { benchStartLatency } from './start-latency.bench';
import { benchIntakeBurst, benchIntakeLatency, intakeYaml } from './intake.bench';
import { fmt, mapLimit } from './stats';
import { renderTable } from './table';
import { approvalYaml, benchWaitingMemory } from './waiting-memory.bench';

const repo = path.resolve(__dirname, '../..');

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '500' },
    'raw-jobs': { type: 'string', default: '20000' },
    waiting: { type: 'string', default: '10000' },
    'worker-concurrency': { type: 'string', default: '20' },
    'overhead-runs': { type: 'string', default: '20' },
    'latency-seconds': { type: 'string', default: '10' },
    only: { type: 'string', default: '1,2,3,4,5,6,7' },
    'intake-rate': { type: 'string', default: '100' },
    'intake-seconds': { type: 'string', default: '5' },
    'intake-burst': { type: 'string', default: '10000' },
    'time-limit': { type: 'string', default: '290' },
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

const began = Date.now();
const progress = (message: string) => console.error(`[bench ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${message}`);

async function measure<T>(name: string, run: () => Promise<T>): Promise<Outcome<T>> {
  if (!opts.phases.has(name.split(' ')[0]!)) return { ok: false, error: 'skipped (--only)' };
  progress(`${name}…`);
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    progress(`${name} failed: ${(error as Error).stack ?? String(error)}`);
    return { ok: false, error: (error as Error).message ?? String(error) };
  }
}

async function main(): Promise<number> {
  const machine = describeMachine();
  const loadBefore = os.loadavg()[0]!;
  await ensureSimulatorCertificate(path.join(repo, '.sim-state'));
  progress('preparing database defender_soar_bench, starting the simulator and the API');
  stack = await startBenchStack({ workerConcurrency: opts.workerConcurrency });
  const s = stack;
  const [pg] = await s.db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const redisVersion = /redis_version:(\S+)/.exec(await s.redis.info('server'))?.[1] ?? 'unknown';

  await s.savePlaybook(isolationYaml);
  await s.savePlaybook(setChainYaml);
  await s.savePlaybook(approvalYaml);
  await s.savePlaybook(intakeYaml);
  progress(`starting ${opts.workers} worker process(es)`);
  for (let i = 0; i < opts.workers; i++) s.spawnWorker();
  await s.waitForWorkers(opts.workers);

  // Warm-up (not measured): Defender tokens, JIT, connection pools of every worker.
  progress('warm-up');
  await mapLimit(Array.from({ length: 10 * opts.workers }, (_, i) => i), 10, (i) =>
    s.starter.start({ playbook: i % 2 ? SET_CHAIN_PLAYBOOK : ISOLATION_PLAYBOOK, inputs: i % 2 ? {} : { alert_id: ALERT_IDS[i % ALERT_IDS.length] }, startedBy: 'bench:warmup' }),
  );
  const warm = await waitForRuns(s.db, { startedBy: 'bench:warmup' }, 10 * opts.workers, 60_000);
  if (warm.succeeded !== 10 * opts.workers) throw new Error(`warm-up runs did not all succeed: ${JSON.stringify(warm)}`);

  const results = {} as BenchResults;
  results.raw = await measure('1 raw BullMQ', () => benchRawBullmq({ prefix: s.prefix, jobs: opts.rawJobs, concurrency: 50 }));
  results.e2e = await measure('2 end-to-end throughput', () => benchE2eThroughput(s, { runs: opts.runs, workers: opts.workers }));
  results.overhead = await measure('3 per-step overhead', () => benchOverhead(s, { runs: opts.overheadRuns }));
  const rate = results.e2e.ok ? Math.max(1, results.e2e.value.runsPerSecond / 2) : 5;
  results.latency = await measure(`4 start latency at ${fmt(rate, 1)} runs/s`, () =>
    benchStartLatency(s, { rate, runs: Math.max(20, Math.round(rate * opts.latencySeconds)) }),
  );
  results.intakeLatency = await measure(`6 webhook alert latency at ${opts.intakeRate} alerts/s`, () =>
    benchIntakeLatency(s, { rate: opts.intakeRate, alerts: opts.intakeRate * opts.intakeSeconds }),
  );
  results.intakeBurst = await measure(`7 burst of ${fmt(opts.intakeBurst)} alerts`, () =>
    benchIntakeBurst(s, { alerts: opts.intakeBurst, timeoutMs: Math.max(10_000, TIME_LIMIT_MS - (Date.now() - began) - 60_000) }),
  );
  // Whatever time is left, less what stopping the workers and cleaning up takes, goes to parking the waiting runs.
  const remaining = TIME_LIMIT_MS - (Date.now() - began) - 15_000;
  results.waiting = await measure(`5 ${fmt(opts.waiting)} waiting runs`, () =>
    benchWaitingMemory(s, { runs: opts.waiting, workers: opts.workers, batch: 500, backlog: 2000, timeoutMs: remaining }),
  );

  progress('cleaning up');
  stack = undefined;
  await s.close();
  for (const log of s.workerLogs) progress(`a worker logged:\n${log.split('\n').slice(0, 20).join('\n')}`);

  const out = [
    `Defender SOAR benchmark (${new Date().toISOString()})`,
    `Machine:  ${machine.cpuModel}, ${machine.cores} cores, ${fmt(machine.ramGiB, 1)} GiB RAM, Node.js ${machine.node}, ${machine.kernel}`,
    `Services: PostgreSQL ${pg?.server_version ?? '?'}, Redis ${redisVersion} (local); everything below ran in this invocation`,
    `Load:     1-minute load average ${fmt(loadBefore, 2)} before, ${fmt(os.loadavg()[0]!, 2)} after${loadBefore > machine.cores / 2 ? ' (the machine was busy with other work before the bench started: figures are lower than on an idle machine)' : ''}`,
    `Setup:    ${opts.workers} worker process(es) x concurrency ${opts.workerConcurrency}; simulator latency 0 ms, actions complete at once; Defender rate limits off`,
    '',
    renderTable(TABLE_HEADER, buildRows(results)),
    '',
    ...buildDetails(results),
    `Total time: ${fmt((Date.now() - began) / 1000, 1)} s`,
  ];
  console.log(out.join('\n'));
  return Object.values(results).every((r) => r.ok || r.error.startsWith('skipped')) ? 0 : 1;
}

let stack: BenchStack | undefined;
const abort = (why: string, code: number) => {
  console.error(`[bench] ${why}; killing worker processes`);
  killWorkersNow(stack);
  process.exit(code);
};
setTimeout(() => abort(`time limit of ${TIME_LIMIT_MS / 1000} s reached`, 2), TIME_LIMIT_MS).unref();
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));

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
