import { randomUUID } from 'node:crypto';
import { connectionStatesResponseSchema, healthReportSchema } from '@soar/contracts';
import { SEED } from '@soar/defender-sim';
import { testDatabaseUrl, testRedisUrl, waitFor, type SpawnedApp } from '@soar/testing';
import { apiEnvSchema } from '../src/api.config';
import { createApiApp } from '../src/create-api-app';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { readAlertPlaybook } from './playbooks';
import { runUntil } from './runs';

/** The port a worker started with WORKER_HEALTH_PORT=0 logged. */
async function healthPort(worker: SpawnedApp): Promise<number> {
  return waitFor(async () => {
    const match = /"port":(\d+)[^\n]*worker health and metrics listening/.exec(worker.output());
    return match ? Number(match[1]) : undefined;
  }, { what: 'the worker to report its health port' });
}

/** The value of one sample in Prometheus text format (0 when the series does not exist yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('operations: metrics, correlated logs, probes', () => {
  let stack: E2eStack;
  let workerUrl: string;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    const worker = stack.addWorker({ WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    workerUrl = `http://127.0.0.1:${await healthPort(worker)}`;
    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlertPlaybook())).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a finished run moves the run and Defender counters on the worker /metrics, and its Defender call is logged with the request\'s correlation id', async () => {
    const before = (await http('GET', `${workerUrl}/metrics`)).text;
    const correlationId = `ops-e2e-${randomUUID()}`;
    const started = await http('POST', `${stack.apiUrl}/playbooks/read-alert/runs`, { inputs: { alert_id: SEED.alerts.securityTestingOnDeveloper } }, { 'x-correlation-id': correlationId });
    expect(started.status).toBe(202);
    expect(started.headers.get('x-correlation-id')).toBe(correlationId);
    const runId = started.body.runId as string;
    expect((await runUntil(stack.apiUrl, runId)).status).toBe('succeeded');

    const after = await waitFor(async () => {
      const text = (await http('GET', `${workerUrl}/metrics`)).text;
      return sample(text, 'soar_runs_finished_total', { playbook: 'read-alert' }) > sample(before, 'soar_runs_finished_total', { playbook: 'read-alert' }) ? text : undefined;
    }, { what: 'the finished run to be counted' });
    const finished = { playbook: 'read-alert', trigger: 'manual', outcome: 'succeeded' };
    expect(sample(after, 'soar_runs_finished_total', finished) - sample(before, 'soar_runs_finished_total', finished)).toBe(1);
    expect(sample(after, 'soar_runs_started_total', { playbook: 'read-alert', trigger: 'manual' }) - sample(before, 'soar_runs_started_total', { playbook: 'read-alert', trigger: 'manual' })).toBe(1);
    const ok = { group: 'default', status: '200' };
    expect(sample(after, 'soar_defender_calls_total', ok) - sample(before, 'soar_defender_calls_total', ok)).toBe(1);
    expect(sample(after, 'soar_step_duration_seconds_count', { action: 'defender.alert.get', result: 'done' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/soar_queue_jobs\{queue="soar-engine",state="waiting"\} \d+/);

    // The worker's stdout: one JSON line per Defender call, carrying the HTTP request's correlation id.
    const calls = stack.workers[0]!.output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'defender call' && entry.runId === runId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ correlationId, runId, stepId: 'get_alert', attempt: 1, operation: 'GET /api/alerts/{id}', status: 200 });
    expect(calls[0]!.clientRequestId).toEqual(expect.any(String));
    expect(stack.workers[0]!.output()).not.toContain(stack.sim.defaultClient.clientSecret);
  }, 90_000);

  it('the API serves liveness and readiness outside /api and counts on /metrics', async () => {
    const root = stack.apiUrl.replace(/\/api$/, '');
    expect((await http('GET', `${root}/health/live`)).status).toBe(200);
    const ready = await http('GET', `${root}/health/ready`);
    expect(ready.status).toBe(200);
    expect(healthReportSchema.safeParse(ready.body).success).toBe(true);
    expect(Object.keys(ready.body.info)).toEqual(['postgres', 'migrations', 'redis', 'queue']);
    const metrics = await http('GET', `${root}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('soar_queue_jobs{queue="soar-engine",state="completed"}');
    const worker = await http('GET', `${workerUrl}/health/ready`);
    expect(worker.status).toBe(200);
    expect(worker.body.status).toBe('ok');
  });

  it('reports each Defender connection\'s token state on the admin endpoint', async () => {
    const res = await http('GET', `${stack.apiUrl}/admin/connections`);
    expect(res.status).toBe(200);
    expect(connectionStatesResponseSchema.parse(res.body).items).toHaveLength(1);
    expect(res.body.items).toEqual([expect.objectContaining({ name: 'default', source: 'environment', tokenObtainable: true, lastSuccessAt: expect.any(String) })]);
    expect(res.text).not.toContain(stack.sim.defaultClient.clientSecret);
  });

  it('shows a connection whose secret is wrong as not obtaining a token, with the STS error and without the secret', async () => {
    const wrongSecret = `wrong-${randomUUID()}`;
    const saved = await http('PUT', `${stack.apiUrl}/connections/revoked`, {
      tenantId: stack.sim.tenantId,
      clientId: stack.sim.defaultClient.clientId,
      clientSecret: wrongSecret,
      authorityHost: `https://${stack.sim.authorityHost}`,
      apiBaseUrl: stack.sim.apiBaseUrl,
    });
    expect(saved.status).toBe(200);
    const res = await http('GET', `${stack.apiUrl}/admin/connections`);
    expect(res.status).toBe(200);
    const revoked = res.body.items.find((c: { name: string }) => c.name === 'revoked');
    expect(revoked).toMatchObject({ source: 'database', tokenObtainable: false, lastError: { code: 'DEFENDER_AUTH_FAILED', message: expect.stringContaining('connection "revoked"') } });
    expect(revoked.lastSuccessAt).toBeUndefined();
    expect(res.text).not.toContain(wrongSecret);
    // The healthy connection is unaffected, and readiness does not depend on Defender.
    expect(res.body.items.find((c: { name: string }) => c.name === 'default').tokenObtainable).toBe(true);
    expect((await http('GET', `${stack.apiUrl.replace(/\/api$/, '')}/health/ready`)).status).toBe(200);
    const metrics = (await http('GET', `${stack.apiUrl.replace(/\/api$/, '')}/metrics`)).text;
    expect(sample(metrics, 'soar_defender_token_acquisitions_total', { connection: 'revoked', result: 'failure' })).toBeGreaterThanOrEqual(1);
  });

  it('mounts the queue dashboard under /api/admin/queues', async () => {
    const page = await http('GET', `${stack.apiUrl}/admin/queues`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Defender SOAR queues');
    const queues = await http('GET', `${stack.apiUrl}/admin/queues/api/queues`);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(['soar-engine']);
  });

  it('with API_KEYS set, the queue dashboard and connection state need a key; probes and /metrics do not', async () => {
    const config = apiEnvSchema.parse({ DATABASE_URL: testDatabaseUrl, REDIS_URL: testRedisUrl, QUEUE_PREFIX: stack.prefix, LOG_LEVEL: 'warn', API_KEYS: 'ops:admin=ops-e2e-key' });
    const app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    const root = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    try {
      for (const path of ['/api/admin/queues', '/api/admin/queues/api/queues', '/api/admin/connections']) {
        expect((await http('GET', `${root}${path}`)).status).toBe(401);
        expect((await http('GET', `${root}${path}`, undefined, { authorization: 'Bearer ops-e2e-key' })).status).toBe(200);
      }
      for (const path of ['/health/live', '/health/ready', '/metrics']) expect((await http('GET', `${root}${path}`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
