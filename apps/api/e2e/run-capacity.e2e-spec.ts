import { PlaybookRepository, RunRepository } from '@soar/persistence';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const ONE_SET = `
name: two-sets
title: One value
steps:
  - { id: a, action: core.set, with: { values: { v: 1 } } }
`;

/** Issue 12, item 11: beyond RUNS_MAX_ACTIVE queued or running runs, a start is a 429 with Retry-After; a finished run frees room. */
describe('run capacity (RUNS_MAX_ACTIVE)', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // No worker: started runs stay queued and fill the backlog.
    stack = await startE2eStack({ workers: 0, env: { RUNS_MAX_ACTIVE: '2' } });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, ONE_SET)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a start over the cap with 429 and Retry-After, and accepts again once a run has ended', async () => {
    const start = () => http('POST', `${stack.apiUrl}/playbooks/two-sets/runs`, {});
    const first = await start();
    const second = await start();
    expect([first.status, second.status]).toEqual([202, 202]);

    const refused = await start();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('RUNS_MAX_ACTIVE') });
    // Nothing was stored for the refused start.
    expect((await http('GET', `${stack.apiUrl}/runs`)).body.items).toHaveLength(2);

    expect((await http('POST', `${stack.apiUrl}/runs/${first.body.runId}/cancel`)).status).toBe(200);
    expect((await start()).status).toBe(202);
  });

  it('does not count alert-triggered runs: an alert storm queued beyond the cap does not refuse an analyst’s start', async () => {
    await stack.db.run.updateMany({ where: { status: { in: ['queued', 'running'] } }, data: { status: 'cancelled' } });
    // Three runs as the intake stores them for alerts (no worker: they stay queued).
    const latest = (await new PlaybookRepository(stack.db).latest('two-sets'))!;
    for (let i = 0; i < 3; i++) {
      await new RunRepository(stack.db).create({
        playbookVersionId: latest.versionId,
        playbookName: 'two-sets',
        playbookVersion: latest.version,
        definition: latest.definition,
        inputs: {},
        trigger: { type: 'alert', alertId: `storm-${i}` },
        startedBy: 'intake',
      });
    }
    expect(await stack.db.run.count({ where: { status: 'queued' } })).toBe(3);
    const analyst = await http('POST', `${stack.apiUrl}/playbooks/two-sets/runs`, {});
    expect(analyst.status).toBe(202);
  });
});
