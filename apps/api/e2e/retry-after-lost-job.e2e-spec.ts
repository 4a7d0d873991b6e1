import { Redis } from 'ioredis';
import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { testRedisUrl, waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { readAlertPlaybook } from './playbooks';

/** Regression test: a retry's due time (Defender's Retry-After) must survive the loss of its delayed job. */
const playbook = readAlertPlaybook('{ attempts: 3, backoff: fixed, delay_seconds: 1 }');

describe('Retry-After survives a lost job', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, playbook)).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('the attempt after a 429 with Retry-After: 10 does not start before 10 s, even when Redis lost the delayed retry job', async () => {
    const control = new SimulatorControlClient(stack.sim.controlUrl);
    const worker = stack.addWorker({ WORKER_LOCK_MS: '2000', RECONCILE_EVERY_MS: '500', RECONCILE_GRACE_MS: '500', RECONCILE_RUNNING_GRACE_MS: '5000' });
    const alertId = SEED.alerts.puaOnMac;
    await control.addFault({ match: { method: 'GET', path: `/api/alerts/${alertId}$` }, count: 1, fault: { type: '429', retryAfterSeconds: 10 } });
    const runId = (await http('POST', `${stack.apiUrl}/playbooks/read-alert/runs`, { inputs: { alert_id: alertId } })).body.runId;
    // Attempt 1 was throttled; the step is queued for attempt 2 in a delayed job due in 10 s.
    await waitFor(async () => ((await stack.db.stepRun.findFirst({ where: { runId, status: 'queued', attempts: 1 } })) ? true : undefined), { timeoutMs: 30_000, what: 'the throttled attempt' });
    // Redis restarted empty (as in fault-tolerance.e2e-spec.ts: this installation's keys disappear).
    const redis = new Redis(testRedisUrl);
    const keys = await redis.keys(`${stack.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();

    const done = await waitFor(async () => {
      const run = await stack.db.run.findUnique({ where: { id: runId }, include: { steps: { include: { history: { orderBy: { attempt: 'asc' } } } } } });
      return run && ['succeeded', 'failed'].includes(run.status) ? run : undefined;
    }, { timeoutMs: 30_000, what: 'the run to end' });
    const [first, second] = done.steps[0]!.history;
    const log = (await control.requests()).filter((r) => r.method === 'GET' && r.path === `/api/alerts/${alertId}`);
    console.log({
      first: [first!.status, (first!.error as any)?.message, first!.endedAt?.toISOString()],
      second: [second!.status, second!.startedAt.toISOString()],
      gapMs: second!.startedAt.getTime() - first!.endedAt!.getTime(),
      defenderCalls: log.map((r) => [r.at, r.status]),
    });
    expect(second!.startedAt.getTime() - first!.endedAt!.getTime()).toBeGreaterThanOrEqual(10_000);
    await worker.stop();
  });
});
