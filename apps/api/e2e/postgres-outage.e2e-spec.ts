import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { TcpOutageProxy, testDatabaseUrl, waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { waitThenCommentPlaybook } from './playbooks';
import { runUntil, startRun } from './runs';

const waitThenComment = waitThenCommentPlaybook(4, 'after the outage');

describe('Postgres unavailable for a while', () => {
  let stack: E2eStack;
  let proxy: TcpOutageProxy;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    const target = new URL(testDatabaseUrl);
    proxy = new TcpOutageProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    // The worker reaches Postgres only through the proxy the test can cut.
    const viaProxy = new URL(testDatabaseUrl);
    viaProxy.port = String(port);
    stack.addWorker({ DATABASE_URL: viaProxy.toString(), RECONCILE_EVERY_MS: '1000', RECONCILE_GRACE_MS: '1000' });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, waitThenComment)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.stop();
  });

  it('workers wait and retry through the outage: the run finishes, nothing failed, nothing half-written', async () => {
    // (6 s outage, then BullMQ's backoff: give it time.)
    const alertId = SEED.alerts.securityTestingOnDeveloper;
    const runId = await startRun(stack.apiUrl, 'wait-then-comment', { alert_id: alertId });
    await waitFor(async () => ((await stack.db.stepRun.count({ where: { runId, stepId: 'pause', status: 'waiting' } })) ? true : undefined), {
      what: 'the timer step to park',
      intervalMs: 20,
    });
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 6000)); // the timer fires while Postgres is unreachable
    await proxy.restore();

    const run = await runUntil(stack.apiUrl, runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: any) => [s.id, s.status, s.history.map((a: any) => a.status)])).toEqual([
      ['pause', 'succeeded', ['succeeded']],
      ['comment', 'succeeded', ['succeeded']],
    ]);
    const comments = (await new SimulatorControlClient(stack.sim.controlUrl).state()).alerts.find((a: any) => a.id === alertId)!.comments;
    expect((comments ?? []).filter((c: any) => c.comment === `after the outage, run ${runId}`)).toHaveLength(1);
    expect(stack.workers[0]!.output()).toMatch(/engine job failed; BullMQ will retry/);
  }, 120_000);
});
