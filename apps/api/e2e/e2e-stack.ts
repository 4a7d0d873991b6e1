import { randomBytes, randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startDefenderSimulator, type RunningSimulator, type SimulatorOptions } from '@soar/defender-sim';
import { createTestDb, resetDatabase, spawnApp, testDatabaseUrl, testRedisUrl, type SpawnedApp } from '@soar/testing';
import type { Db } from '@soar/persistence';
import { apiEnvSchema } from '../src/api.config';
import { createApiApp } from '../src/create-api-app';

export interface E2eStack {
  api: NestExpressApplication;
  apiUrl: string;
  sim: RunningSimulator;
  db: Db;
  workers: SpawnedApp[];
  prefix: string;
  /** Starts one more worker process on the same queue. */
  addWorker(extraEnv?: Record<string, string>): SpawnedApp;
  stop(): Promise<void>;
}

/**
 * The product as a user runs it: the simulator (the only fake, at Defender's HTTP edge), the API
 * in this process, and the worker as a separate OS process sharing nothing in memory with it,
 * on the real Postgres and Redis. A fresh queue prefix isolates each test file.
 */
export async function startE2eStack(options: { simulator?: SimulatorOptions; workers?: number; env?: Record<string, string>; entra?: boolean } = {}): Promise<E2eStack> {
  const prefix = `e2e-${randomUUID().slice(0, 8)}`;
  const db = createTestDb();
  await resetDatabase(db);
  const sim = await startDefenderSimulator({ rateLimits: false, ...options.simulator });
  // Both the API (connection checks) and the workers reach Defender, with the same settings.
  const sharedEnv = {
    DATABASE_URL: testDatabaseUrl,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    DEFENDER_TENANT_ID: sim.tenantId,
    DEFENDER_CLIENT_ID: sim.defaultClient.clientId,
    DEFENDER_CLIENT_SECRET: sim.defaultClient.clientSecret,
    DEFENDER_AUTHORITY_HOST: `https://${sim.authorityHost}`,
    DEFENDER_API_BASE_URL: sim.apiBaseUrl,
    DEFENDER_KNOWN_AUTHORITIES: sim.authorityHost,
    // Alert polling would add calls to the simulator's request log; the intake tests turn it on.
    INTAKE_POLLERS: 'off',
    // Users sign in through the simulator's token service, as through Entra ID.
    ...(options.entra ? entraEnvFor(sim) : {}),
    ...options.env,
    // The simulator's hosts always, plus any a test adds (e.g. an unreachable address to probe).
    DEFENDER_ALLOWED_HOSTS: [...new Set([sim.authorityHost, new URL(sim.apiBaseUrl).host, ...(options.env?.DEFENDER_ALLOWED_HOSTS ?? '').split(',').filter(Boolean)])].join(','),
  };
  const config = apiEnvSchema.parse({ ...sharedEnv, PORT: '0' });
  const api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address() as { port: number };
  const workerEnv = { ...sharedEnv, NODE_EXTRA_CA_CERTS: sim.certPath };
  const workers: SpawnedApp[] = [];
  const addWorker = (extraEnv: Record<string, string> = {}) => {
    const worker = spawnApp('apps/worker/src/main.ts', { ...workerEnv, WORKER_ID: `e2e-worker-${workers.length + 1}`, ...extraEnv });
    workers.push(worker);
    return worker;
  };
  for (let i = 0; i < (options.workers ?? 1); i++) addWorker();

  return {
    api,
    apiUrl: `http://127.0.0.1:${address.port}/api`,
    sim,
    db,
    workers,
    prefix,
    addWorker,
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await api.close();
      await sim.close();
      await db.$disconnect();
    },
  };
}

/** The API's Entra settings for the simulated tenant's SOAR app registrations. */
export function entraEnvFor(sim: RunningSimulator): Record<string, string> {
  return {
    ENTRA_TENANT_ID: sim.tenantId,
    ENTRA_API_CLIENT_ID: sim.soarApps.apiClientId,
    ENTRA_CONSOLE_CLIENT_ID: sim.soarApps.consoleClientId,
    ENTRA_AUTHORITY: sim.apiBaseUrl,
    // The API app's secret: it exchanges sign-ins On-Behalf-Of users for Defender (run_as).
    ENTRA_API_CLIENT_SECRET: sim.soarApps.apiClientSecret,
  };
}
