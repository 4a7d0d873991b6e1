import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { readAlertPlaybook } from './playbooks';

const readAlert = readAlertPlaybook();

const ALERTS = Object.values(SEED.alerts);

async function startRuns(stack: E2eStack, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await http('POST', `${stack.apiUrl}/playbooks/read-alert/runs`, { inputs: { alert_id: ALERTS[i % ALERTS.length] } });
    expect(res.status).toBe(202);
    ids.push(res.body.runId);
  }
  return ids;
}

async function allFinished(stack: E2eStack, ids: string[], timeoutMs: number): Promise<Record<string, number>> {
  return waitFor(
    async () => {
      const rows = await stack.db.run.groupBy({ by: ['status'], where: { id: { in: ids } }, _count: true });
      const counts = Object.fromEntries(rows.map((r) => [r.status, r._count]));
      return (counts.succeeded ?? 0) + (counts.failed ?? 0) === ids.length ? counts : undefined;
    },
    { timeoutMs, intervalMs: 250, what: 'every run to finish' },
  );
}

describe('throttling: Defender quotas are shared by every worker and 429s are ridden out', () => {
  it('four worker processes on one connection never exceed the quota at Defender and use at least 90% of it', async () => {
    const points = 25;
    const windowMs = 10_000;
    const runs = 75;
    const stack = await startE2eStack({ workers: 0 });
    try {
      for (let i = 0; i < 4; i++) {
        stack.addWorker({
          WORKER_CONCURRENCY: '10',
          DEFENDER_RATE_LIMITS_JSON: JSON.stringify({ default: [{ points, durationSec: windowMs / 1000 }] }),
          // Covers the time from taking a slot to the call reaching Defender (a cold TLS connection).
          DEFENDER_RATE_LIMIT_MARGIN_MS: '1000',
        });
      }
      expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlert)).status).toBe(201);
      const control = new SimulatorControlClient(stack.sim.controlUrl);
      await control.clearRequests();
      const ids = await startRuns(stack, runs);
      expect(await allFinished(stack, ids, 60_000)).toEqual({ succeeded: runs });

      const calls = (await control.requests()).filter((r) => r.path.startsWith('/api/')).map((r) => Date.parse(r.at)).sort((a, b) => a - b);
      expect(calls).toHaveLength(runs);
      // No rolling window holds more calls than the quota allows...
      let busiest = 0;
      for (let i = 0, j = 0; i < calls.length; i++) {
        while (calls[i]! - calls[j]! >= windowMs) j++;
        busiest = Math.max(busiest, i - j + 1);
      }
      expect(busiest).toBeLessThanOrEqual(points);
      // ...and the quota is used: a rolling-window limit allows at most points × (⌊span / window⌋ + 1)
      // calls over the span the calls took; at least 90% of that was made.
      const spanMs = calls[calls.length - 1]! - calls[0]!;
      const allowed = points * (Math.floor(spanMs / windowMs) + 1);
      expect(runs / allowed).toBeGreaterThanOrEqual(0.9);
      console.log(`rate limit: ${runs} calls in ${spanMs} ms, busiest ${windowMs} ms window ${busiest}/${points}, ${Math.round((runs / allowed) * 100)}% of the quota used`);
    } finally {
      await stack.stop();
    }
  });

  it('rides out a storm of 429s with Retry-After: every run finishes, none fails', async () => {
    const stack = await startE2eStack({ workers: 2 });
    try {
      expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlert)).status).toBe(201);
      const control = new SimulatorControlClient(stack.sim.controlUrl);
      await control.addFault({ match: { path: '^/api/' }, count: 40, fault: { type: '429', retryAfterSeconds: 1 } });
      const ids = await startRuns(stack, 20);
      expect(await allFinished(stack, ids, 60_000)).toEqual({ succeeded: 20 });
      const log = await control.requests();
      expect(log.filter((r) => r.status === 429)).toHaveLength(40);
      // Throttled calls were waited out, not counted as failed attempts.
      const attempts = await stack.db.stepAttempt.groupBy({ by: ['status'], where: { step: { runId: { in: ids } } }, _count: true });
      expect(attempts.find((a) => a.status === 'succeeded')?._count).toBe(20);
    } finally {
      await stack.stop();
    }
  });
});
