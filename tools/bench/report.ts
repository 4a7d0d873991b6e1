import type { AnalystBehindBacklogResult } from './analyst-behind-backlog.bench';
import type { E2eThroughputResult } from './e2e-throughput.bench';
import type { EngineProfile } from './engine-profile-harness';
import type { ForeachResult } from './foreach.bench';
import type { IntakeBurstResult, IntakeLatencyResult } from './intake.bench';
import type { OverheadResult } from './overhead.bench';
import type { RawBullmqResult } from './raw-bullmq.bench';
import type { StartLatencyResult } from './start-latency.bench';
import { fmt } from './stats';
import type { WaitingMemoryResult } from './waiting-memory.bench';

/** A phase's result, or why it could not be measured. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Each phase's outcome; a phase not run (yet) is absent. */
export interface BenchResults {
  raw?: Outcome<RawBullmqResult>;
  chain?: Outcome<E2eThroughputResult>;
  isolation?: Outcome<E2eThroughputResult>;
  overhead?: Outcome<OverheadResult>;
  latency?: Outcome<StartLatencyResult>;
  backlog?: Outcome<AnalystBehindBacklogResult>;
  waiting?: Outcome<WaitingMemoryResult>;
  foreach?: Outcome<ForeachResult>;
  profile?: Outcome<EngineProfile>;
  intakeLatency?: Outcome<IntakeLatencyResult>;
  intakeBurst?: Outcome<IntakeBurstResult>;
}
export type Phase = keyof BenchResults;

export const TABLE_HEADER = ['#', 'Measurement', 'Result', 'Target', 'Verdict'];

/** Row number and name of each phase, in the table's order (`--only` takes the numbers). */
export const PHASES: { phase: Phase; id: string; name: string }[] = [
  { phase: 'raw', id: '1', name: 'Raw BullMQ no-op jobs/s' },
  { phase: 'chain', id: '2', name: 'Engine steps/s, chains of 10 core.set steps' },
  { phase: 'isolation', id: '3', name: 'Isolation playbook step executions/s' },
  { phase: 'overhead', id: '4', name: 'Orchestration overhead per step' },
  { phase: 'latency', id: '5', name: 'Start latency POST -> first step started' },
  { phase: 'backlog', id: '6', name: "Analyst's run behind queued runs" },
  { phase: 'waiting', id: '7', name: 'Runs waiting for approval' },
  { phase: 'foreach', id: '8', name: 'foreach per-item cost' },
  { phase: 'profile', id: '9', name: 'Postgres round trips per step (engine profile)' },
  { phase: 'intakeLatency', id: '10', name: 'Webhook alert -> first step started' },
  { phase: 'intakeBurst', id: '11', name: 'Alert burst' },
];

const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const ms = (n: number) => `${fmt(n)} ms`;
const failed = (id: string, what: string, error: string): string[] =>
  error.startsWith('skipped') ? [id, what, 'not measured', '', error] : [id, what, 'not measured', '', `ERROR: ${error.split('\n')[0]}`];

/** The rows of one phase, its result compared with its target (rows of other phases give ratios). */
export function phaseRows(phase: Phase, r: BenchResults): string[][] {
  const meta = PHASES.find((p) => p.phase === phase)!;
  const outcome = r[phase];
  if (!outcome) return [[meta.id, meta.name, 'not measured', '', 'not reached']];
  if (!outcome.ok) return [failed(meta.id, meta.name, outcome.error)];
  const raw = r.raw?.ok ? r.raw.value.jobsPerSecond : undefined;
  const ofRaw = (n: number) => (raw ? ` (${fmt(n / raw, 3)} x #1)` : '');
  const id = meta.id;
  switch (phase) {
    case 'raw': {
      const v = (outcome as Outcome<RawBullmqResult> & { ok: true }).value;
      return [[id, `Raw BullMQ no-op jobs/s (${fmt(v.jobs)} jobs, concurrency ${v.concurrency})`, `${fmt(v.jobsPerSecond)} jobs/s`, 'ceiling', '-']];
    }
    case 'chain': {
      const v = (outcome as Outcome<E2eThroughputResult> & { ok: true }).value;
      const invalid = v.allSucceeded ? undefined : `INVALID: ${JSON.stringify(v.statuses)}`;
      const target = raw ? raw / 5 : Number.NaN;
      return [[id, `Engine steps/s, ${fmt(v.runs)} chains of 10 core.set steps, ${v.workers} workers`, `${fmt(v.stepExecutionsPerSecond)} steps/s${ofRaw(v.stepExecutionsPerSecond)}`, raw ? `>= ${fmt(target)} /s (0.2 x #1)` : '>= 0.2 x #1', invalid ?? (raw ? verdict(v.stepExecutionsPerSecond >= target) : 'n/a (#1 missing)')]];
    }
    case 'isolation': {
      const v = (outcome as Outcome<E2eThroughputResult> & { ok: true }).value;
      const invalid = v.allSucceeded ? undefined : `INVALID: ${JSON.stringify(v.statuses)}`;
      return [
        [id, `Isolation step executions/s (${fmt(v.runs)} runs of 3 steps, ${v.workers} workers)`, `${fmt(v.stepExecutionsPerSecond)} steps/s${ofRaw(v.stepExecutionsPerSecond)}`, '>= 500 /s (10 x 2026-11)', invalid ?? verdict(v.stepExecutionsPerSecond >= 500)],
        [id, 'Isolation runs/s (same runs)', `${fmt(v.runsPerSecond, 1)} runs/s`, '', invalid ?? `${fmt(v.runs)}/${fmt(v.runs)} succeeded`],
      ];
    }
    case 'overhead': {
      const v = (outcome as Outcome<OverheadResult> & { ok: true }).value;
      return [
        [id, `Orchestration overhead per step, idle queue, p50 (${fmt(v.samples)} steps)`, ms(v.p50), '<= 2 ms', verdict(v.p50 <= 2)],
        [id, 'Orchestration overhead per step, idle queue, p99', ms(v.p99), '<= 10 ms', verdict(v.p99 <= 10)],
      ];
    }
    case 'latency': {
      const v = (outcome as Outcome<StartLatencyResult> & { ok: true }).value;
      const invalid = v.allSucceeded ? undefined : 'INVALID: not every run succeeded';
      return [
        [id, `Start latency POST -> first step started, p50 (${fmt(v.achievedRate, 1)} runs/s)`, ms(v.p50), '<= 10 ms', invalid ?? verdict(v.p50 <= 10)],
        [id, 'Start latency POST -> first step started, p99', ms(v.p99), '<= 50 ms', invalid ?? verdict(v.p99 <= 50)],
      ];
    }
    case 'backlog': {
      const v = (outcome as Outcome<AnalystBehindBacklogResult> & { ok: true }).value;
      return [[id, `Analyst's isolation run behind ${fmt(v.backlog)} queued triggered runs: POST -> first step`, ms(v.firstStepMs), '<= 1,000 ms', verdict(v.firstStepMs <= 1000)]];
    }
    case 'waiting': {
      const v = (outcome as Outcome<WaitingMemoryResult> & { ok: true }).value;
      const rss = Math.max(...v.rssMiB);
      const rate = v.waiting / v.seconds;
      const parked = v.waiting === v.runs ? undefined : `NOT MEASURED: ${fmt(v.waiting)}/${fmt(v.runs)} parked in time`;
      return [
        [id, `Worker RSS, ${fmt(v.waiting)} runs waiting for approval (max of ${v.workers})`, `${fmt(rss)} MiB`, '< 300 MB (286 MiB)', parked ?? verdict(rss < 300e6 / 2 ** 20)],
        [id, 'BullMQ active jobs while they wait (slots held)', String(v.activeJobs), '0', parked ?? verdict(v.activeJobs === 0)],
        [id, 'Parking rate (runs started -> step waiting)', `${fmt(rate)} runs/s`, '>= 1,000 runs/s', verdict(rate >= 1000)],
      ];
    }
    case 'foreach': {
      const v = (outcome as Outcome<ForeachResult> & { ok: true }).value;
      return [[id, `foreach of ${fmt(v.items)} core.set items: per-item cost, last 100 / first 100`, `${fmt(v.ratio, 2)} x (${fmt(v.lastMsPerItem, 1)} / ${fmt(v.firstMsPerItem, 1)} ms)`, '<= 1.5 x', verdict(v.ratio <= 1.5)]];
    }
    case 'profile': {
      const v = (outcome as Outcome<EngineProfile> & { ok: true }).value;
      return [[id, 'Postgres round trips per step (engine profile, core.set chain)', fmt(v.roundTripsPerStep, 1), '<= 3', verdict(v.roundTripsPerStep <= 3)]];
    }
    case 'intakeLatency': {
      const v = (outcome as Outcome<IntakeLatencyResult> & { ok: true }).value;
      const invalid = v.allStarted ? undefined : 'INVALID: not every alert started a run';
      return [
        [id, `Webhook alert -> first step started, p50 (${fmt(v.achievedRate, 1)} alerts/s)`, ms(v.p50), '', invalid ?? '-'],
        [id, 'Webhook alert -> first step started, p99', ms(v.p99), '', invalid ?? '-'],
      ];
    }
    case 'intakeBurst': {
      const v = (outcome as Outcome<IntakeBurstResult> & { ok: true }).value;
      return [
        [id, `Alert burst (${fmt(v.alerts)} alerts, each posted twice): duplicate runs`, String(v.duplicates), '0', verdict(v.duplicates === 0)],
        [id, 'Alert burst: alerts without a run (lost)', String(v.lost), '0', verdict(v.lost === 0)],
        [id, 'Alert burst: time to drain (first POST -> last run ended)', `${fmt(v.drainSeconds, 1)} s`, '', `${fmt(v.succeeded)}/${fmt(v.alerts)} succeeded`],
      ];
    }
  }
}

/** Every row, in table order. */
export function buildRows(r: BenchResults): string[][] {
  return PHASES.flatMap(({ phase }) => phaseRows(phase, r));
}

/** Supporting figures under the table: what each number is made of. */
export function buildDetails(r: BenchResults): string[] {
  const lines: string[] = [];
  const failures = (v: E2eThroughputResult) => (Object.keys(v.failures).length ? ` Steps that did not succeed: ${JSON.stringify(v.failures)}.` : '');
  if (r.raw?.ok) lines.push(`#1 enqueue (addBulk, 1,000 per call): ${fmt(r.raw.value.enqueuePerSecond)} jobs/s; drain timed from worker start to last 'completed' event.`);
  if (r.chain?.ok) {
    const v = r.chain.value;
    lines.push(`#2 ${fmt(v.runs)} runs, ${fmt(v.stepExecutions)} step executions in ${fmt(v.seconds, 2)} s (first start -> last run ended_at); step N end -> step N+1 start p50 ${ms(v.gapP50)}, p99 ${ms(v.gapP99)}.${failures(v)}`);
  }
  if (r.isolation?.ok) {
    const v = r.isolation.value;
    lines.push(
      `#3 ${fmt(v.runs)} runs, each on an alert and a machine of its own, ${fmt(v.stepExecutions)} step executions in ${fmt(v.seconds, 2)} s (first start -> last run ended_at); ` +
        `under this load step N end -> step N+1 start p50 ${ms(v.gapP50)}, p99 ${ms(v.gapP99)}; attempt duration p50 ${ms(v.attemptP50)} (Defender call included).${failures(v)}`,
    );
  }
  if (r.overhead?.ok) {
    const v = r.overhead.value;
    lines.push(
      `#4 ${v.runs} runs of 10 core.set steps, one run at a time; overhead = step N+1 attempt ended_at - step N attempt ended_at ` +
        `= gap (p50 ${ms(v.gapP50)}, p99 ${ms(v.gapP99)}) + attempt (p50 ${ms(v.attemptP50)}, p99 ${ms(v.attemptP99)})` +
        (v.gapParts
          ? `; the gap's p50 parts: result recorded -> next job added ${ms(v.gapParts.recordToQueuedP50)}, added -> taken by a worker ${ms(v.gapParts.queuedToTakenP50)}, taken -> attempt started (load, parameters, claim) ${ms(v.gapParts.takenToClaimedP50)}.`
          : '.'),
    );
  }
  if (r.latency?.ok) {
    const v = r.latency.value;
    lines.push(`#5 ${fmt(v.runs)} POSTs paced at ${fmt(v.targetRate, 1)}/s (half of #3's runs/s); 202 answered after p50 ${ms(v.httpP50)}, p99 ${ms(v.httpP99)}.`);
  }
  if (r.backlog?.ok) {
    const v = r.backlog.value;
    lines.push(`#6 ${fmt(v.backlog)} alert-triggered runs queued (priority 10) before the analyst's POST (manual, priority 5); 202 after ${ms(v.httpMs)}; ${fmt(v.stillQueued)} of the backlog still queued when its first step started.`);
  }
  if (r.waiting?.ok) {
    const v = r.waiting.value;
    const list = (xs: number[]) => xs.map((x) => fmt(x)).join(' / ');
    lines.push(
      `#7 ${v.workers} fresh worker process(es), RSS MiB: idle ${list(v.baselineRssMiB)}, with the runs waiting ${list(v.rssMiB)}, peak (VmHWM) ${list(v.peakRssMiB)}; ` +
        `${fmt(v.delayedJobs)} delayed jobs in Redis (the waits, plus the reconciler's repeatable job); parking took ${fmt(v.seconds, 1)} s (${fmt(v.waiting / v.seconds)} runs/s).`,
    );
  }
  if (r.foreach?.ok) {
    const v = r.foreach.value;
    lines.push(`#8 one run, foreach concurrency 20, ${fmt(v.items)} items in ${fmt(v.seconds, 1)} s; per-item cost = time between item completions (attempt ended_at), first 100 vs last 100.`);
  }
  if (r.profile?.ok) {
    const v = r.profile.value;
    const per = [...v.tallies].map(([label, t]) => `${label}: ${fmt(t.roundTrips / t.jobs, 1)} round trips, ${fmt(t.cpuMs / t.jobs, 1)} ms CPU`).join('; ');
    lines.push(`#9 in the bench process, no BullMQ: every statement the pg driver sends (BEGIN/COMMIT included) per job: ${per}.`);
  }
  if (r.intakeBurst?.ok) {
    const v = r.intakeBurst.value;
    lines.push(`#11 ${fmt(v.alerts)} alerts in lists of 1,000, each list posted twice, all lists at once: posting took ${fmt(v.postSeconds, 1)} s; the playbook's concurrency is 500 (each run one core.set step).`);
  }
  return lines;
}
