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
});
