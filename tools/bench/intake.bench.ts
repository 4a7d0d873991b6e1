import type { BenchStack } from './bench-stack';
import { waitForRuns } from './run-timings';
import { percentile, sleep } from './stats';

export const INTAKE_PLAYBOOK = 'bench-alert-echo';
/**
 * An alert playbook whose first step costs no Defender call, so the figures are intake's own:
 * webhook → match → run committed → first step started. Its concurrency is raised so the burst
 * measures intake and the engine, not the (default 20) concurrency rule.
 */
export const intakeYaml = `name: ${INTAKE_PLAYBOOK}
title: Bench alert echo
concurrency: 500
inputs: { alert_id: { type: string, format: alert_id, required: true } }
triggers: [ { type: alert, match: { title: ["Bench intake*"] } } ]
steps: [ { id: echo, action: core.set, with: { values: { alert: "\${{ inputs.alert_id }}" } } } ]
`;

export interface IntakeLatencyResult {
  alerts: number;
  targetRate: number;
  achievedRate: number;
  p50: number;
  p99: number;
  allStarted: boolean;
}
export interface IntakeBurstResult {
  alerts: number;
  /** Alerts that got more than one run (each alert is posted twice). */
  duplicates: number;
  /** Alerts that got no run. */
  lost: number;
  /** First POST sent → last run ended. */
  drainSeconds: number;
  postSeconds: number;
  succeeded: number;
}

let serial = 0;
const alert = (prefix: string, i: number) => ({
  id: `da${String(638_000_000_000_000_000n + BigInt(++serial))}_${i}`,
  lastUpdateTime: new Date().toISOString(),
  title: `Bench intake ${prefix} ${i}`,
  severity: 'High',
  status: 'New',
});
const post = (stack: BenchStack, body: unknown) =>
  fetch(`${stack.apiUrl}/intake/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => {
    const json = (await res.json()) as { runs?: { runId: string }[] };
    if (res.status !== 202) throw new Error(`intake answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  });

/** One alert per request at `rate`/s (open loop); time from sending to its run's first step starting. */
export async function benchIntakeLatency(stack: BenchStack, options: { rate: number; alerts: number }): Promise<IntakeLatencyResult> {
  const sent: { at: number; response: Promise<{ runs?: { runId: string }[] }> }[] = [];
  const t0 = performance.now();
  for (let i = 0; i < options.alerts; i++) {
    const wait = t0 + (i * 1000) / options.rate - performance.now();
    if (wait > 0) await sleep(wait);
    const response = post(stack, alert('latency', i));
    response.catch(() => undefined);
    sent.push({ at: Date.now(), response });
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  const responses = await Promise.all(sent.map((s) => s.response));
  const ids = responses.map((r) => r.runs?.[0]?.runId ?? '');
  await waitForRuns(stack.db, { ids: ids.filter(Boolean) }, ids.filter(Boolean).length, 120_000, 200);
  const firstSteps = await stack.db.stepAttempt.findMany({ where: { attempt: 1, step: { runId: { in: ids.filter(Boolean) }, position: 0 } }, select: { startedAt: true, step: { select: { runId: true } } } });
  const startedAt = new Map(firstSteps.map((a) => [a.step.runId, a.startedAt.getTime()]));
  const latencies = ids.map((id, i) => (startedAt.get(id) ?? Number.NaN) - sent[i]!.at).filter(Number.isFinite);
  return { alerts: options.alerts, targetRate: options.rate, achievedRate: (options.alerts - 1) / Math.max(sendSeconds, 0.001), p50: percentile(latencies, 50), p99: percentile(latencies, 99), allStarted: latencies.length === options.alerts };
}

/**
 * `alerts` distinct alerts posted as fast as the API takes them (lists of 1,000), every list posted
 * twice; then counts runs per alert in Postgres: duplicates (more than one run) and lost (none).
 */
export async function benchIntakeBurst(stack: BenchStack, options: { alerts: number; timeoutMs: number }): Promise<IntakeBurstResult> {
  const alerts = Array.from({ length: options.alerts }, (_, i) => alert('burst', i));
  const lists: (typeof alerts)[] = [];
  for (let i = 0; i < alerts.length; i += 1000) lists.push(alerts.slice(i, i + 1000));
  const before = await stack.db.run.count({ where: { startedBy: 'intake:webhook' } });
  const t0 = Date.now();
  await Promise.all(lists.map(async (list) => (await post(stack, list), await post(stack, list))));
  const postSeconds = (Date.now() - t0) / 1000;
  // Every run the burst started has ended (or the time is up: what is missing then counts as lost).
  const statuses = await waitForRuns(stack.db, { startedBy: 'intake:webhook' }, before + options.alerts, options.timeoutMs, 500).catch(() => undefined);
  // Runs still waiting for a slot have no row yet: past the time limit they are not lost, just not measured.
  if (!statuses) throw new Error(`the burst did not drain within ${Math.round(options.timeoutMs / 1000)} s (raise --time-limit or lower --intake-burst)`);
  const runs = await stack.db.run.findMany({ where: { playbookName: INTAKE_PLAYBOOK, startedBy: 'intake:webhook' }, select: { trigger: true, status: true, endedAt: true } });
  const perAlert = new Map<string, number>();
  for (const r of runs) {
    const id = (r.trigger as { alertId?: string }).alertId ?? '';
    perAlert.set(id, (perAlert.get(id) ?? 0) + 1);
  }
  const burstIds = new Set(alerts.map((a) => a.id));
  const ends = runs.filter((r) => burstIds.has((r.trigger as { alertId?: string }).alertId ?? '')).map((r) => r.endedAt?.getTime() ?? Number.NaN);
  return {
    alerts: options.alerts,
    duplicates: alerts.filter((a) => (perAlert.get(a.id) ?? 0) > 1).length,
    lost: alerts.filter((a) => !perAlert.has(a.id)).length,
    drainSeconds: (Math.max(...ends.filter(Number.isFinite)) - t0) / 1000,
    postSeconds,
    succeeded: runs.filter((r) => r.status === 'succeeded' && burstIds.has((r.trigger as { alertId?: string }).alertId ?? '')).length,
  };
}
