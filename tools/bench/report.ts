import type { E2eThroughputResult } from './e2e-throughput.bench';
import type { OverheadResult } from './overhead.bench';
import type { RawBullmqResult } from './raw-bullmq.bench';
import type { StartLatencyResult } from './start-latency.bench';
import type { IntakeBurstResult, IntakeLatencyResult } from './intake.bench';
import { fmt } from './stats';
import type { WaitingMemoryResult } from './waiting-memory.bench';

/** A phase's result, or why it could not be measured. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface BenchResults {
  raw: Outcome<RawBullmqResult>;
  e2e: Outcome<E2eThroughputResult>;
  overhead: Outcome<OverheadResult>;
  latency: Outcome<StartLatencyResult>;
  waiting: Outcome<WaitingMemoryResult>;
  intakeLatency: Outcome<IntakeLatencyResult>;
  intakeBurst: Outcome<IntakeBurstResult>;
}

export const TABLE_HEADER = ['#', 'Measurement', 'Result', 'Target', 'Verdict'];

const verdict = (met: boolean) => (met ? 'PASS' : 'NOT MET');
const ms = (n: number) => `${fmt(n)} ms`;
const failed = (id: string, what: string, error: string): string[] =>
  error.startsWith('skipped') ? [id, what, 'not measured', '', 'skipped (--only)'] : [id, what, 'not measured', '', `ERROR: ${error.split('\n')[0]}`];

/** The table's rows, each result compared with its target. */
export function buildRows(r: BenchResults): string[][] {
  const rows: string[][] = [];
  if (r.raw.ok) {
    const v = r.raw.value;
    rows.push(['1', `Raw BullMQ no-op jobs/s (${fmt(v.jobs)} jobs, concurrency ${v.concurrency})`, `${fmt(v.jobsPerSecond)} jobs/s`, 'ceiling', '-']);
  } else rows.push(failed('1', 'Raw BullMQ no-op jobs/s', r.raw.error));

  if (r.e2e.ok) {
    const v = r.e2e.value;
    const invalid = v.allSucceeded ? undefined : `INVALID: ${JSON.stringify(v.statuses)}`;
    rows.push(['2', `Isolation playbook runs/s (${fmt(v.runs)} runs, ${v.workers} workers)`, `${fmt(v.runsPerSecond, 1)} runs/s`, '', invalid ?? `${fmt(v.runs)}/${fmt(v.runs)} succeeded`]);
    if (r.raw.ok) {
      const target = r.raw.value.jobsPerSecond / 5;
      rows.push(['2', 'Step executions/s (same runs)', `${fmt(v.stepExecutionsPerSecond)} steps/s`, `>= ${fmt(target)} /s (1/5 of #1)`, invalid ?? verdict(v.stepExecutionsPerSecond >= target)]);
    } else rows.push(['2', 'Step executions/s (same runs)', `${fmt(v.stepExecutionsPerSecond)} steps/s`, '>= 1/5 of #1', 'n/a (#1 missing)']);
  } else rows.push(failed('2', 'Isolation playbook runs/s', r.e2e.error));

  if (r.overhead.ok) {
    const v = r.overhead.value;
    rows.push(['3', `Orchestration overhead per step, p50 (${fmt(v.samples)} steps)`, ms(v.p50), '<= 2 ms', verdict(v.p50 <= 2)]);
    rows.push(['3', 'Orchestration overhead per step, p99', ms(v.p99), '', '-']);
  } else rows.push(failed('3', 'Orchestration overhead per step', r.overhead.error));

  if (r.latency.ok) {
    const v = r.latency.value;
    const invalid = v.allSucceeded ? undefined : 'INVALID: not every run succeeded';
    rows.push(['4', `Start latency POST -> first step started, p50 (${fmt(v.achievedRate, 1)} runs/s)`, ms(v.p50), '<= 10 ms', invalid ?? verdict(v.p50 <= 10)]);
    rows.push(['4', 'Start latency POST -> first step started, p99', ms(v.p99), '<= 50 ms', invalid ?? verdict(v.p99 <= 50)]);
  } else rows.push(failed('4', 'Start latency', r.latency.error));

  if (r.waiting.ok) {
    const v = r.waiting.value;
    const rss = Math.max(...v.rssMiB);
    const parked = v.waiting === v.runs ? undefined : `NOT MEASURED: ${fmt(v.waiting)}/${fmt(v.runs)} parked in time`;
    rows.push(['5', `Worker RSS, ${fmt(v.waiting)} runs waiting for approval (max of ${v.workers})`, `${fmt(rss)} MiB`, '< 300 MB (286 MiB)', parked ?? verdict(rss < 300e6 / 2 ** 20)]);
    rows.push(['5', 'BullMQ active jobs while they wait (slots held)', String(v.activeJobs), '0', parked ?? verdict(v.activeJobs === 0)]);
  } else rows.push(failed('5', 'Worker RSS with waiting runs', r.waiting.error));

  if (r.intakeLatency.ok) {
    const v = r.intakeLatency.value;
    const invalid = v.allStarted ? undefined : 'INVALID: not every alert started a run';
    rows.push(['6', `Webhook alert -> first step started, p50 (${fmt(v.achievedRate, 1)} alerts/s)`, ms(v.p50), '', invalid ?? '-']);
    rows.push(['6', 'Webhook alert -> first step started, p99', ms(v.p99), '', invalid ?? '-']);
  } else rows.push(failed('6', 'Webhook alert -> first step started', r.intakeLatency.error));
  if (r.intakeBurst.ok) {
    const v = r.intakeBurst.value;
    rows.push(['7', `Alert burst (${fmt(v.alerts)} alerts, each posted twice): duplicate runs`, String(v.duplicates), '0', verdict(v.duplicates === 0)]);
    rows.push(['7', 'Alert burst: alerts without a run (lost)', String(v.lost), '0', verdict(v.lost === 0)]);
    rows.push(['7', 'Alert burst: time to drain (first POST -> last run ended)', `${fmt(v.drainSeconds, 1)} s`, '', `${fmt(v.succeeded)}/${fmt(v.alerts)} succeeded`]);
  } else rows.push(failed('7', 'Alert burst', r.intakeBurst.error));
  return rows;
}

/** Supporting figures under the table: what each number is made of. */
export function buildDetails(r: BenchResults): string[] {
  const lines: string[] = [];
  if (r.raw.ok) lines.push(`#1 enqueue (addBulk, 1,000 per call): ${fmt(r.raw.value.enqueuePerSecond)} jobs/s; drain timed from worker start to last 'completed' event.`);
  if (r.e2e.ok) {
    const v = r.e2e.value;
    lines.push(
      `#2 ${fmt(v.runs)} runs, ${fmt(v.stepExecutions)} step executions in ${fmt(v.seconds, 2)} s (first start -> last run ended_at); ` +
        `under this load step N end -> step N+1 start p50 ${ms(v.gapP50)}, p99 ${ms(v.gapP99)}; attempt duration p50 ${ms(v.attemptP50)} (Defender call included).`,
    );
  }
  if (r.overhead.ok) {
    const v = r.overhead.value;
    lines.push(
      `#3 ${v.runs} runs of 10 core.set steps, one run at a time; overhead = step N+1 attempt ended_at - step N attempt ended_at ` +
        `= gap (p50 ${ms(v.gapP50)}, p99 ${ms(v.gapP99)}) + attempt (p50 ${ms(v.attemptP50)}, p99 ${ms(v.attemptP99)}).`,
    );
  }
  if (r.latency.ok) {
    const v = r.latency.value;
    lines.push(`#4 ${fmt(v.runs)} POSTs paced at ${fmt(v.targetRate, 1)}/s (half of #2); 202 answered after p50 ${ms(v.httpP50)}, p99 ${ms(v.httpP99)}.`);
  }
  if (r.waiting.ok) {
    const v = r.waiting.value;
    const list = (xs: number[]) => xs.map((x) => fmt(x)).join(' / ');
    lines.push(
      `#5 ${v.workers} fresh worker process(es), RSS MiB: idle ${list(v.baselineRssMiB)}, with the runs waiting ${list(v.rssMiB)}, peak (VmHWM) ${list(v.peakRssMiB)}; ` +
        `${fmt(v.delayedJobs)} delayed jobs in Redis (the waits, plus the reconciler's repeatable job); parking took ${fmt(v.seconds, 1)} s (${fmt(v.waiting / v.seconds)} runs/s).`,
    );
  }
  if (r.intakeBurst.ok) {
    const v = r.intakeBurst.value;
    lines.push(`#7 ${fmt(v.alerts)} alerts in lists of 1,000, each list posted twice, all lists at once: posting took ${fmt(v.postSeconds, 1)} s; the playbook's concurrency is 500 (each run one core.set step).`);
  }
  return lines;
}
