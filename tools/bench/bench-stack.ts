import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Redis } from 'ioredis';
import { startDefenderSimulator, type RunningSimulator } from '@soar/defender-sim';
import { RunStarter } from '@soar/engine';
import { createPrismaClient, ensureDatabase, migrateDatabase, PlaybookRepository, RunRepository, type Db } from '@soar/persistence';
import { createRedisConnection, EngineQueue } from '@soar/queue';
import { spawnApp, type SpawnedApp } from '@soar/testing';
import { apiEnvSchema } from '../../apps/api/src/api.config';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { pollUntil } from './stats';

const repoRoot = path.resolve(__dirname, '../..');
export const benchDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/defender_soar_bench';
export const benchRedisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchStack {
  db: Db;
  redis: Redis;
  /** The engine queue as the API and RunStarter use it (same prefix as the workers). */
  queue: EngineQueue;
  starter: RunStarter;
  api: NestExpressApplication;
  apiUrl: string;
  sim: RunningSimulator;
  prefix: string;
  workers: SpawnedApp[];
  /** What stopped worker processes printed (warnings and errors only: LOG_LEVEL=warn). */
  workerLogs: string[];
  /** Starts one worker process on the bench queue. */
  spawnWorker(extraEnv?: Record<string, string>): SpawnedApp;
  /** Waits until `count` BullMQ workers are connected to the engine queue. */
  waitForWorkers(count: number, timeoutMs?: number): Promise<void>;
  /** SIGTERM every worker process and wait for them to exit. */
  stopWorkers(): Promise<void>;
  savePlaybook(yaml: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it, on a dedicated database and queue prefix: the Defender
 * simulator and the API in this process, the workers as separate OS processes. Every table of
 * the bench database is emptied first, so each invocation measures from the same state.
 */
export async function startBenchStack(options: { workerConcurrency: number }): Promise<BenchStack> {
  await ensureDatabase(benchDatabaseUrl);
  const db = createPrismaClient(benchDatabaseUrl, { poolSize: 10 });
  // `prisma migrate deploy` takes ~11 s even with nothing to do (the CLI waits out its pg pool's
  // 10 s idle timeout before exiting), so it only runs when a migration is missing.
  if (await migrationsPending(db)) await migrateDatabase(benchDatabaseUrl, repoRoot);
  await truncateAll(db);

  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  // Throttling off on both sides: the bench measures our overhead, not Defender's published limits.
  // Machine actions complete at once, so the isolate step never parks to poll.
  const sim = await startDefenderSimulator({ rateLimits: false, latencyMs: 0, actionSchedule: { pendingMs: 0, inProgressMs: 0 } });
  // Default caps: row 6's 10,000 queued alert-triggered runs do not count towards RUNS_MAX_ACTIVE.
  const config = apiEnvSchema.parse({ DATABASE_URL: benchDatabaseUrl, REDIS_URL: benchRedisUrl, QUEUE_PREFIX: prefix, PORT: '0', LOG_LEVEL: 'warn' });
  const api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}/api`;

  const redis = createRedisConnection(benchRedisUrl, 'soar-bench');
  const queue = new EngineQueue({ connection: redis, prefix });
  const starter = new RunStarter({ playbooks: new PlaybookRepository(db), runs: new RunRepository(db), scheduler: queue });

  const workerEnv: Record<string, string> = {
    DATABASE_URL: benchDatabaseUrl,
    REDIS_URL: benchRedisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    DEFENDER_RATE_LIMITS: 'off',
    DEFENDER_TENANT_ID: sim.tenantId,
    DEFENDER_CLIENT_ID: sim.defaultClient.clientId,
    DEFENDER_CLIENT_SECRET: sim.defaultClient.clientSecret,
    DEFENDER_AUTHORITY_HOST: `https://${sim.authorityHost}`,
    DEFENDER_API_BASE_URL: sim.apiBaseUrl,
    DEFENDER_KNOWN_AUTHORITIES: sim.authorityHost,
    DEFENDER_ALLOWED_HOSTS: [...new Set([sim.authorityHost, new URL(sim.apiBaseUrl).host])].join(','),
    NODE_EXTRA_CA_CERTS: sim.certPath,
    // No alert polling in the bench (it would add simulator calls); waiting triggered runs start fast.
    INTAKE_POLLERS: 'off',
    INTAKE_RELEASE_EVERY_MS: '200',
  };
  const workers: SpawnedApp[] = [];
  const workerLogs: string[] = [];
  let spawned = 0;

  const stack: BenchStack = {
    db,
    redis,
    queue,
    starter,
    api,
    apiUrl,
    sim,
    prefix,
    workers,
    workerLogs,
    spawnWorker(extraEnv = {}) {
      const worker = spawnApp('apps/worker/src/main.ts', { ...workerEnv, WORKER_ID: `bench-worker-${++spawned}`, ...extraEnv });
      workers.push(worker);
      return worker;
    },
    async waitForWorkers(count, timeoutMs = 60_000) {
      await pollUntil(
        async () => {
          const dead = workers.find((w) => w.child.exitCode !== null);
          if (dead) throw new Error(`a worker exited (${dead.child.exitCode}):\n${dead.output()}`);
          return (await queue.queue.getWorkersCount()) >= count ? true : undefined;
        },
        `${count} worker(s) to connect`,
        timeoutMs,
        200,
      );
    },
    async stopWorkers() {
      await Promise.all(
        workers.splice(0).map(async (w) => {
          await w.stop();
          if (w.output().trim()) workerLogs.push(w.output());
        }),
      );
    },
    async savePlaybook(yaml) {
      const res = await fetch(`${apiUrl}/playbooks`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml });
      if (res.status !== 201 && res.status !== 200) throw new Error(`saving a playbook failed (${res.status}): ${await res.text()}`);
    },
    async close() {
      await stack.stopWorkers();
      await api.close();
      await sim.close();
      await deleteKeys(redis, `${prefix}:*`);
      await queue.close();
      redis.disconnect();
      await truncateAll(db);
      await db.$disconnect();
    },
  };
  return stack;
}

/** Last resort on a signal or the time limit: kill worker processes without waiting. */
export function killWorkersNow(stack: BenchStack | undefined): void {
  for (const w of stack?.workers ?? []) if (w.child.exitCode === null) w.child.kill('SIGKILL');
}

async function migrationsPending(db: Db): Promise<boolean> {
  const dir = path.join(repoRoot, 'prisma', 'migrations');
  const wanted = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  try {
    const applied = await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const done = new Set(applied.map((m) => m.migration_name));
    return wanted.some((name) => !done.has(name));
  } catch {
    return true; // a new database: no _prisma_migrations table yet
  }
}

/** Empties every table of the bench database but the migration history (whatever the schema holds today). */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Removes every Redis key of the bench's queue prefix (jobs, delayed waits, events). */
async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
