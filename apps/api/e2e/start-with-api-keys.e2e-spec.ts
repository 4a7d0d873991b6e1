import { randomUUID } from 'node:crypto';
import { spawnApp, testDatabaseUrl, testRedisUrl, waitFor, type SpawnedApp } from '@soar/testing';
import { freePort } from './free-port';
import { http } from './http';

/**
 * `API_KEYS=a:admin=b npm start`: the real start script (database preparation, simulator, worker, API)
 * comes up with keys configured — its own health check needs no key — and serves requests that
 * send the key.
 */
describe('npm start with API_KEYS', () => {
  let start: SpawnedApp | undefined;
  afterAll(async () => {
    const code = await start?.stop();
    expect(code).toBe(0);
  });

  it('starts and serves requests with the key, and refuses them without it', async () => {
    const [port, simPort, controlPort] = [await freePort(), await freePort(), await freePort()];
    start = spawnApp('tools/start.ts', {
      API_KEYS: 'a:admin=b',
      PORT: String(port),
      SIM_PORT: String(simPort),
      SIM_CONTROL_PORT: String(controlPort),
      DATABASE_URL: testDatabaseUrl,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: `start-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'warn',
    });
    await waitFor(async () => (start!.output().includes('SOAR for Defender for Endpoint is running') ? true : start!.child.exitCode === null ? undefined : Promise.reject(new Error(start!.output()))), {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: 'npm start to come up',
    });
    const apiUrl = `http://127.0.0.1:${port}/api`;
    const withKey = await http('GET', `${apiUrl}/playbooks`, undefined, { authorization: 'Bearer b' });
    expect(withKey.status).toBe(200);
    expect(withKey.body.items.map((p: { name: string }) => p.name)).toContain('isolate-alert-machine');
    expect((await http('GET', `${apiUrl}/playbooks`)).status).toBe(401);
    expect(start.child.exitCode).toBeNull();
  });
});
