import { SEED } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { readAlertPlaybook } from './playbooks';
import { runUntil, startRun } from './runs';

describe('run history retention as a scheduled worker job', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    stack.addWorker({ RETENTION_DAYS_SUCCEEDED: '1', RETENTION_DAYS_FAILED: '30', RETENTION_EVERY_MS: '1000' });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlertPlaybook())).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('deletes a succeeded run once it ended more than RETENTION_DAYS_SUCCEEDED ago, and keeps a recent one', async () => {
    const [old, recent] = await Promise.all([0, 1].map(() => startRun(stack.apiUrl, 'read-alert', { alert_id: SEED.alerts.securityTestingOnDeveloper })));
    for (const id of [old!, recent!]) expect((await runUntil(stack.apiUrl, id)).status).toBe('succeeded');
    // Age one of them: it ended two days ago.
    await stack.db.run.update({ where: { id: old! }, data: { endedAt: new Date(Date.now() - 2 * 24 * 3600 * 1000) } });

    await waitFor(async () => ((await http('GET', `${stack.apiUrl}/runs/${old}`)).status === 404 ? true : undefined), { what: 'the aged run to be deleted', timeoutMs: 20_000 });
    expect((await http('GET', `${stack.apiUrl}/runs/${recent}`)).status).toBe(200);
    expect(await stack.db.runEvent.count({ where: { runId: old! } })).toBe(0);
  }, 60_000);
});
