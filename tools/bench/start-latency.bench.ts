import type { BenchStack } from './bench-stack';
import { ISOLATION_PLAYBOOK } from './e2e-throughput.bench';
import { waitForRuns } from './run-timings';
import { percentile, sleep } from './stats';

export interface StartLatencyResult {
  runs: number;
  targetRate: number;
  achievedRate: number;
  /** POST sent → first step's attempt `started_at`. */
  p50: number;
  p99: number;
  /** POST sent → 202 received. */
  httpP50: number;
  httpP99: number;
  allSucceeded: boolean;
}

/**
 * Sends `POST /api/playbooks/isolate-alert-machine/runs` over real HTTP to the in-process API at a
 * fixed rate (open loop: a slow answer does not delay the next request) and measures the time from
 * sending to the first step's attempt `started_at` in Postgres (same host clock, 1 ms resolution).
 * Each run isolates a machine of its own (`alertIds`, see isolation-targets.ts).
 */
export async function benchStartLatency(stack: BenchStack, options: { rate: number; runs: number; alertIds: string[] }): Promise<StartLatencyResult> {
  const { rate, runs, alertIds } = options;
  const sent: { at: number; response: Promise<{ runId: string; answeredAt: number }> }[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const at = Date.now();
    const response = fetch(`${stack.apiUrl}/playbooks/${ISOLATION_PLAYBOOK}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { alert_id: alertIds[i % alertIds.length] } }),
    }).then(async (res) => {
      const answeredAt = Date.now();
      const body = (await res.json()) as { runId?: string };
      if (res.status !== 202 || !body.runId) throw new Error(`start failed (${res.status}): ${JSON.stringify(body)}`);
      return { runId: body.runId, answeredAt };
    });
    response.catch(() => undefined); // reported by the Promise.all below, not as an unhandled rejection
    sent.push({ at, response });
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  const responses = await Promise.all(sent.map((s) => s.response));
  const ids = responses.map((r) => r.runId);
  const answered = responses.map((r) => r.answeredAt);
  const statuses = await waitForRuns(stack.db, { ids }, runs, 120_000, 200);

  const firstSteps = await stack.db.stepAttempt.findMany({
    where: { attempt: 1, step: { runId: { in: ids }, position: 0 } },
    select: { startedAt: true, step: { select: { runId: true } } },
  });
  const startedAt = new Map(firstSteps.map((a) => [a.step.runId, a.startedAt.getTime()]));
  const latencies = ids.map((id, i) => (startedAt.get(id) ?? Number.NaN) - sent[i]!.at).filter(Number.isFinite);
  const http = answered.map((t, i) => t - sent[i]!.at);
  return {
    runs,
    targetRate: rate,
    achievedRate: (runs - 1) / Math.max(sendSeconds, 0.001),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    httpP50: percentile(http, 50),
    httpP99: percentile(http, 99),
    allSucceeded: statuses.succeeded === runs && latencies.length === runs,
  };
}
