import type { NestExpressApplication } from '@nestjs/platform-express';
import { TcpOutageProxy, testDatabaseUrl, testRedisUrl, waitFor, type SpawnedApp } from '@soar/testing';
import { apiEnvSchema } from '../src/api.config';
import { createApiApp } from '../src/create-api-app';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

/** Polls a readiness URL until it answers `status` and returns the body. */
const readyAnswers = (url: string, status: number) =>
  waitFor(async () => {
    const res = await http('GET', url).catch(() => undefined);
    return res?.status === status ? res.body : undefined;
  }, { what: `${url} to answer ${status}`, timeoutMs: 30_000, intervalMs: 200 });

describe('readiness follows Postgres reachability', () => {
  let stack: E2eStack;
  let proxy: TcpOutageProxy;
  let api: NestExpressApplication;
  let apiReady: string;
  let workerReady: string;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    const target = new URL(testDatabaseUrl);
    proxy = new TcpOutageProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(testDatabaseUrl);
    viaProxy.port = String(await proxy.start());
    // A second API and a worker that reach Postgres only through the proxy the test can cut.
    api = await createApiApp(apiEnvSchema.parse({ DATABASE_URL: viaProxy.toString(), REDIS_URL: testRedisUrl, QUEUE_PREFIX: stack.prefix, LOG_LEVEL: 'warn' }));
    await api.listen(0, '127.0.0.1');
    apiReady = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}/health/ready`;
    const worker: SpawnedApp = stack.addWorker({ DATABASE_URL: viaProxy.toString(), WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    const port = await waitFor(async () => /"port":(\d+)[^\n]*worker health and metrics listening/.exec(worker.output())?.[1], { what: 'the worker health port' });
    workerReady = `http://127.0.0.1:${port}/health/ready`;
  });
  afterAll(async () => {
    await api?.close();
    await stack?.stop();
    await proxy?.stop();
  });

  it('API and worker report not ready (503, postgres down) while Postgres is unreachable, and ready again after', async () => {
    for (const url of [apiReady, workerReady]) expect((await readyAnswers(url, 200)).info.postgres.status).toBe('up');

    await proxy.cut();
    for (const url of [apiReady, workerReady]) {
      const body = await readyAnswers(url, 503);
      expect(body.error.postgres.status).toBe('down');
      expect(body.info.redis.status).toBe('up'); // only the dependency that is gone is blamed
    }

    await proxy.restore();
    for (const url of [apiReady, workerReady]) expect((await readyAnswers(url, 200)).status).toBe('ok');
    // Liveness never depended on Postgres.
    expect((await http('GET', apiReady.replace('/ready', '/live'))).status).toBe(200);
  }, 120_000);
});
