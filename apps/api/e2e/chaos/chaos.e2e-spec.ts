import { Redis } from 'ioredis';
import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { testRedisUrl, waitFor, type SpawnedApp } from '@soar/testing';
import type { E2eStack } from '../e2e-stack';
import { http } from '../http';
import { buildChaosPlan, CHAOS_MACHINE_KEYS, CHAOS_MACHINES, faultRule, isBroadFault, type ChaosFault, type PlannedRun } from './chaos-plan';
import { verifyChaos, type StartedRun } from './chaos-verify';
import { PrivateRedis } from './private-redis';
import { createPrng } from './prng';

/**
 * Chaos test: many runs of an isolate-and-comment playbook on several worker processes while
 * Defender throttles, errs and loses responses, machine actions fail or time out, workers are
 * SIGKILLed and Redis restarts empty. Then: every run ended as it should, none was lost, every
 * intended isolation happened exactly once, and the history has every attempt.
 *
 *   CHAOS_RUNS (40)  CHAOS_WORKERS (3)  CHAOS_SEED ('soar-chaos-1')
 */
const RUNS = positiveInt('CHAOS_RUNS', 40);
const WORKERS = positiveInt('CHAOS_WORKERS', 3);
const CHAOS_SEED = process.env.CHAOS_SEED ?? 'soar-chaos-1';

/**
 * Short locks and an eager reconciler, as in fault-tolerance.e2e-spec.ts. Our own limiter of
 * Defender's published quotas is off: at 100 calls a minute it alone would pace 40 runs over five
 * minutes (it has its own tests); the simulator's 429s stand in for Defender's throttling.
 */
const workerEnv = {
  WORKER_LOCK_MS: '2000',
  RECONCILE_EVERY_MS: '500',
  RECONCILE_GRACE_MS: '500',
  RECONCILE_RUNNING_GRACE_MS: '5000',
  DEFENDER_RATE_LIMITS: 'off',
};
/** Most 429/500 responses queued in the simulator at once: well under the 10 attempts of a step. */
const BROAD_FAULT_BUDGET = 5;
/** Most outstanding rules of one targeted kind (lost isolate response, ...). */
const TARGETED_FAULT_BUDGET = 2;

const retry = '{ attempts: 10, backoff: fixed, delay_seconds: 1 }';
const chaosPlaybook = `
name: chaos-isolate
title: Isolate the machine of an alert, comment, release (chaos test)
inputs:
  alert_id: { type: string, format: alert_id, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
    retry: ${retry}
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ steps.get_alert.output.machineId }}", comment: chaos isolation, isolation_type: Full }
    retry: ${retry}
  - id: comment
    action: defender.alert.update
    with:
      alert_id: "\${{ inputs.alert_id }}"
      status: InProgress
      comment: "\${{ 'Machine ' + steps.get_alert.output.computerDnsName + ' isolated by SOAR run ' + run.id }}"
    retry: ${retry}
  # Released again so the next run on the machine isolates for real (not "already isolated").
  - id: release
    action: defender.machine.release_isolation
    with: { machine_id: "\${{ steps.get_alert.output.machineId }}", comment: chaos release }
    retry: ${retry}
`;

const releasePlaybook = `
name: chaos-release
title: Release a machine (chaos test warm-up)
inputs:
  machine_id: { type: string, format: machine_id, required: true }
steps:
  - id: release
    action: defender.machine.release_isolation
    with: { machine_id: "\${{ inputs.machine_id }}", comment: chaos warm-up }
`;

describe(`chaos: ${RUNS} runs on ${WORKERS} workers under Defender faults, worker kills and a Redis restart (seed ${CHAOS_SEED})`, () => {
  let redis: PrivateRedis | undefined;
  let stack: E2eStack;
  let control: SimulatorControlClient;
  let stopped = false;
  const workerIds = new Map<SpawnedApp, string>();
  const addWorker = () => {
    const id = `chaos-worker-${workerIds.size + 1}`;
    const worker = stack.addWorker({ ...workerEnv, WORKER_ID: id });
    workerIds.set(worker, id);
    return worker;
  };

  beforeAll(async () => {
    // A Redis of our own to restart; without redis-server, the shared one (whose keys we then drop).
    redis = (await PrivateRedis.available()) ? await PrivateRedis.start() : undefined;
    const { startE2eStack } = loadE2eStack(redis?.url ?? testRedisUrl);
    stack = await startE2eStack({ workers: 0 });
    control = new SimulatorControlClient(stack.sim.controlUrl);
    for (const yaml of [chaosPlaybook, releasePlaybook]) {
      const saved = await http('POST', `${stack.apiUrl}/playbooks`, yaml);
      if (saved.status !== 201) throw new Error(`playbook rejected: ${saved.text}`);
    }
    for (let i = 0; i < WORKERS; i++) addWorker();

    // Warm-up (also waits for the workers to boot): the seed's HR workstation starts isolated;
    // release it so every machine starts free and every run has a real isolation to make.
    const warmUp = await http('POST', `${stack.apiUrl}/playbooks/chaos-release/runs`, { inputs: { machine_id: SEED.machines.hrWorkstation.id } });
    const status = await waitFor(async () => {
      const run = await stack.db.run.findUnique({ where: { id: warmUp.body.runId } });
      return run && ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run.status : undefined;
    }, { timeoutMs: 90_000, intervalMs: 200, what: 'the warm-up run' });
    if (status !== 'succeeded') throw new Error(`warm-up run ${status}`);
  }, 150_000);

  afterAll(async () => {
    stopped = true;
    await stack?.stop();
    await redis?.stop();
  }, 60_000);

  it('ends every run as planned, loses none, isolates each intended machine exactly once and keeps every attempt', async () => {
    const plan = buildChaosPlan({ seed: CHAOS_SEED, runs: RUNS });
    const rnd = createPrng(`${CHAOS_SEED}:runtime`);
    const began = Date.now();

    const state0 = await control.state();
    for (const key of CHAOS_MACHINE_KEYS) {
      const machine: any = state0.machines.find((m: any) => m.id === SEED.machines[key].id);
      expect(machine).toMatchObject({ isolated: false });
      expect(String(machine.osPlatform)).toMatch(/^Windows/);
    }
    const actionsBefore = new Set(state0.machineActions.map((a: any) => a.id as string));
    const requestsBefore = Math.max(0, ...(await control.requests()).map((r) => r.seq));

    const live: SpawnedApp[] = [...stack.workers];
    const killed = new Set<SpawnedApp>();
    let midStepKills = 0;
    const injected: Record<string, number> = {};
    let skipped = 0;
    const redisOutages: { from: number; to: number }[] = [];
    let redisDownMs = 0;
    const background: Promise<void>[] = [];
    const started: StartedRun[] = [];
    const log = (line: string) => process.env.CHAOS_VERBOSE && console.log(`[chaos +${((Date.now() - began) / 1000).toFixed(1)}s] ${line}`);

    const outstandingFaults = async () =>
      (await fetch(`${stack.sim.controlUrl}/faults`).then((r) => r.json())) as { match: { method?: string; path?: string }; remaining: number; fault: { type: string } }[];

    const inject = async (fault: ChaosFault) => {
      const rule = faultRule(fault);
      const outstanding = await outstandingFaults();
      const broad = outstanding.filter((f) => f.fault.type === '429' || f.fault.type === '500').reduce((sum, f) => sum + f.remaining, 0);
      const same = outstanding.filter((f) => f.fault.type === rule.fault.type && f.match.path === rule.match?.path && f.match.method === rule.match?.method).length;
      if (isBroadFault(fault) ? broad + (rule.count ?? 1) > BROAD_FAULT_BUDGET : same >= TARGETED_FAULT_BUDGET) {
        skipped++;
        return;
      }
      await control.addFault(rule);
      injected[fault.kind] = (injected[fault.kind] ?? 0) + 1;
    };

    const killOne = async (midStep: boolean) => {
      if (stopped || live.length === 0) return;
      let index = rnd.int(0, live.length - 1);
      if (midStep) {
        // The worker of an attempt in progress (a step running, not parked in a wait), if one shows up soon.
        const until = Date.now() + 3000;
        while (!stopped && Date.now() < until) {
          const busy = await stack.db.$queryRaw<{ worker_id: string }[]>`SELECT a.worker_id FROM step_attempts a JOIN step_runs s ON s.id = a.step_run_id
            WHERE a.status = 'running' AND s.status = 'running' AND s.wait IS NULL`;
          const found = live.findIndex((w) => busy.some((b) => b.worker_id === workerIds.get(w)));
          if (found >= 0) {
            index = found;
            midStepKills++;
            break;
          }
          await sleep(10);
        }
      }
      const victim = live.splice(index, 1)[0]!;
      killed.add(victim);
      await victim.kill();
      live.push(addWorker());
      log(`SIGKILLed ${workerIds.get(victim)}${midStep ? ' (mid-step)' : ''}; ${live.length} workers`);
    };

    const restartRedis = async (pauseMs: number) => {
      if (stopped) return;
      const from = Date.now();
      if (redis) {
        const { downMs } = await redis.restart(pauseMs);
        log(`Redis restarted (${downMs} ms down)`);
      } else {
        // No redis-server binary: lose this installation's keys instead (every job, as after a restart).
        const client = new Redis(testRedisUrl);
        const keys = await client.keys(`${stack.prefix}:*`);
        if (keys.length) await client.del(...keys);
        await client.quit();
      }
      redisOutages.push({ from, to: Date.now() + 1000 });
      redisDownMs = Date.now() - from;
    };

    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

    const runOne = async (p: PlannedRun) => {
      if (stopped) return;
      for (const fault of p.faults) await inject(fault);
      const machineId = SEED.machines[p.machine].id;
      if (p.forced) await control.setActionOutcome({ match: { machineId, type: 'Isolate' }, outcome: p.forced, count: 1 });
      const alert = await control.createAlert({ template: CHAOS_MACHINES[p.machine] });
      const res = await http('POST', `${stack.apiUrl}/playbooks/chaos-isolate/runs`, { inputs: { alert_id: alert.id } });
      if (res.status !== 202) throw new Error(`run #${p.index} not accepted: ${res.status} ${res.text}`);
      const runId = res.body.runId as string;
      started.push({ plan: p, runId, alertId: alert.id, machineId });
      log(`run #${p.index} ${runId} on ${p.machine}${p.forced ? ` (forced ${p.forced})` : ''} faults=${p.faults.map((f) => f.kind).join(',')}`);
      if (p.kill) background.push(sleep(p.kill.afterMs).then(() => killOne(p.kill!.midStep)));
      if (p.redisRestart) background.push(sleep(p.redisRestart.afterMs).then(() => restartRedis(p.redisRestart!.downMs)));
      // Polled from Postgres (works while Redis is down); gives up when the test is being torn down.
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (stopped) throw new Error('test stopped');
        const run = await stack.db.run.findUnique({ where: { id: runId }, select: { status: true } });
        if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return;
        if (Date.now() > deadline) throw new Error(`run #${p.index} ${runId} still ${run?.status} after 120 s`);
        await sleep(200);
      }
    };

    // One lane per machine: its runs one after another (a second isolation of a machine while the
    // first is pending would adopt it, which is right but not countable), the lanes in parallel.
    const lanes = CHAOS_MACHINE_KEYS.map((machine) => plan.runs.filter((r) => r.machine === machine));
    try {
      await Promise.all(lanes.map(async (lane) => {
        for (const p of lane) await runOne(p);
      }));
      await Promise.all(background);
    } finally {
      await control.clearFaults();
      await control.clearActionOutcomes();
    }
    const elapsedMs = Date.now() - began;

    const requests = (await control.requests(requestsBefore)).filter((r) => r.path.startsWith('/api/'));
    const { problems, stats } = await verifyChaos({
      db: stack.db,
      playbook: 'chaos-isolate',
      started,
      state: await control.state(),
      requests,
      actionsBefore,
      redisOutages,
    });
    // No worker may die other than the ones the test killed (e.g. on the Redis restart).
    for (const w of live) if (w.child.exitCode !== null || w.child.signalCode !== null) problems.push(`a worker exited by itself (${w.child.exitCode ?? w.child.signalCode}):\n${w.output().slice(-3000)}`);

    const hits: Record<string, number> = {};
    for (const r of requests) if (r.fault) hits[r.fault] = (hits[r.fault] ?? 0) + 1;
    console.log(
      [
        `chaos seed=${CHAOS_SEED} runs=${RUNS} workers=${WORKERS}: ${stats.succeeded} succeeded, ${stats.failedAsForced} failed as forced (${plan.runs.filter((r) => r.forced).map((r) => r.forced).join(',')}) in ${(elapsedMs / 1000).toFixed(1)} s`,
        `faults injected: ${JSON.stringify(injected)} (${skipped} skipped over budget); simulator hits: ${JSON.stringify(hits)}`,
        `worker SIGKILLs: ${killed.size} (${midStepKills} in the middle of an attempt); Redis restarts: ${redisOutages.length} (${redisDownMs} ms down)${redis ? '' : ' (keys dropped: no redis-server binary)'}`,
        `attempts: ${stats.attempts} (${stats.failedAttempts} failed, ${stats.abandonedAttempts} abandoned by killed workers); Isolate actions: ${stats.isolateActions} (${stats.adoptedIsolations} adopted after a lost response); Retry-After gaps checked: ${stats.throttledRetriesChecked}`,
        problems.length ? `PROBLEMS (${problems.length}):\n  ${problems.slice(0, 40).join('\n  ')}` : 'no problems',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(started).toHaveLength(RUNS);
    expect(killed.size).toBeGreaterThan(0);
  }, 120_000 + RUNS * 3_000);
});

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/**
 * e2e-stack reads the Redis URL from @soar/testing when it is loaded; load a copy of it (and of
 * what it imports) that sees ours, then put the environment back for the test files after this one.
 */
function loadE2eStack(redisUrl: string): typeof import('../e2e-stack') {
  const previous = process.env.TEST_REDIS_URL;
  process.env.TEST_REDIS_URL = redisUrl;
  try {
    let loaded: typeof import('../e2e-stack') | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('../e2e-stack');
    });
    return loaded!;
  } finally {
    if (previous === undefined) delete process.env.TEST_REDIS_URL;
    else process.env.TEST_REDIS_URL = previous;
  }
}
