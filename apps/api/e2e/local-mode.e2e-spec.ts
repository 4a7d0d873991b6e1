import { spawnApp, testDatabaseUrl, testRedisUrl, waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

/** Local mode (no authentication configured): loopback only, and every answer says so. */
describe('local mode', () => {
  let stack: E2eStack | undefined;
  afterAll(() => stack?.stop());

  it('marks every answer, success, error or public, with X-Soar-Auth: local-unauthenticated; never with keys set', async () => {
    stack = await startE2eStack({ workers: 0 });
    for (const [method, path] of [
      ['GET', '/playbooks'],
      ['GET', '/health'],
      ['GET', '/runs/not-a-uuid'],
      ['POST', '/playbooks/nothing/enable'],
    ] as const) {
      const res = await http(method, `${stack.apiUrl}${path}`);
      expect([res.status, res.headers.get('x-soar-auth')]).toEqual([res.status, 'local-unauthenticated']);
    }
    await stack.stop();
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: 'alice:admin=a-long-enough-key-0123456789abcdef' } });
    expect((await http('GET', `${stack.apiUrl}/health`)).headers.get('x-soar-auth')).toBeNull();
  });

  it('the API process started with HOST=0.0.0.0 and no API_KEYS listens on 127.0.0.1 and logs why', async () => {
    const api = spawnApp('apps/api/src/main.ts', { API_KEYS: '', HOST: '0.0.0.0', PORT: '0', DATABASE_URL: testDatabaseUrl, REDIS_URL: testRedisUrl, LOG_LEVEL: 'warn' });
    try {
      await waitFor(async () => (api.output().includes('API listening') ? true : undefined), { timeoutMs: 60_000, what: 'the API to listen' });
      expect(api.output()).toContain('HOST=0.0.0.0 ignored: without API_KEYS the API runs in local mode (no authentication) and listens on 127.0.0.1 only');
      expect(api.output()).toMatch(/API listening on http:\/\/127\.0\.0\.1:\d+\/api/);
    } finally {
      await api.stop();
    }
  });
});
