import type { E2eThroughputResult } from './e2e-throughput.bench';
import type { OverheadResult } from './overhead.bench';
import type { RawBullmqResult } from './raw-bullmq.bench';
import type { StartLatencyResult } from './start-latency.bench';
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
  return lines;
}
