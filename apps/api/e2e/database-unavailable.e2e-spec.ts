import { TcpOutageProxy, testDatabaseUrl } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { waitThenCommentPlaybook } from './playbooks';

/**
 * The API's database unreachable (a restart, a network cut): callers get 503 with Retry-After and
 * a code that says so, not a 500 that reads like a bug, and the API serves again once it is back.
 */
describe('API answers 503 with Retry-After while its database is unreachable', () => {
  let stack: E2eStack;
  let proxy: TcpOutageProxy;
  beforeAll(async () => {
    const target = new URL(testDatabaseUrl);
    proxy = new TcpOutageProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(testDatabaseUrl);
    viaProxy.port = String(await proxy.start());
    stack = await startE2eStack({ workers: 0, env: { DATABASE_URL: viaProxy.toString() } });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, waitThenCommentPlaybook(1, 'db outage'))).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.stop();
  });

  it('reads and starts answer 503 SERVICE_UNAVAILABLE with Retry-After during the cut, then 200 again', async () => {
    expect((await http('GET', `${stack.apiUrl}/runs`)).status).toBe(200);
    await proxy.cut();
    try {
      const list = await http('GET', `${stack.apiUrl}/runs`);
      expect(list.status).toBe(503);
      expect(list.headers.get('retry-after')).toBe('2');
      expect(list.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(list.body.error.message).toMatch(/database or queue is busy or unreachable; retry in 2 s/);

      const start = await http('POST', `${stack.apiUrl}/playbooks/wait-then-comment/runs`, { inputs: { alert_id: 'da1' } });
      expect(start.status).toBe(503);
      expect(start.headers.get('retry-after')).toBe('2');
    } finally {
      await proxy.restore();
    }
    const after = await http('GET', `${stack.apiUrl}/runs`);
    expect(after.status).toBe(200);
    // Nothing was started by the refused request.
    expect(await stack.db.run.count()).toBe(0);
  }, 60_000);
});
