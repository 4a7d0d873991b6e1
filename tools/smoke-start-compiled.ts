import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { defaultDatabaseUrl, defaultRedisUrl } from './defaults';

/**
 * Starts what the image's build stage produced in `dir` the way the image does — plain `node` on
 * compiled .js, NODE_ENV=production, no dev dependency installed — against a throwaway database
 * and a Redis database of its own (14), so it cannot take jobs of anything else: migrations, then
 * the API (ready, and its OpenAPI document answered) and the worker (ready).
 * Returns one [what, ok] per check.
 */
export async function smokeStartCompiled(dir: string): Promise<[string, boolean][]> {
  const databaseUrl = await freshDatabase();
  const redis = new URL(process.env.TEST_REDIS_URL ?? defaultRedisUrl);
  redis.pathname = '/14';
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, REDIS_URL: redis.toString(), HOST: '127.0.0.1' };
  // Nothing inherited may preload a compiler (jest or `node -r tools/register.js` would).
  delete env.NODE_OPTIONS;
  delete env.SWC_NODE_PROJECT;
  const checks: [string, boolean][] = [];
  const children: ChildProcess[] = [];
  try {
    execFileSync(process.execPath, ['tools/prepare-database.js'], { cwd: dir, env, stdio: 'inherit', timeout: 120_000 });
    checks.push(['compiled migrate (tools/prepare-database.js) applied the migrations', true]);
    const apiPort = await freePort();
    children.push(spawn(process.execPath, ['apps/api/src/main.js'], { cwd: dir, env: { ...env, PORT: String(apiPort) }, stdio: 'inherit' }));
    checks.push(['compiled API ready', await answers(`http://127.0.0.1:${apiPort}/health/ready`)]);
    checks.push(['compiled API serves its OpenAPI document', await answers(`http://127.0.0.1:${apiPort}/api/openapi.json`)]);
    const workerPort = await freePort();
    children.push(spawn(process.execPath, ['apps/worker/src/main.js'], { cwd: dir, env: { ...env, WORKER_HEALTH_PORT: String(workerPort) }, stdio: 'inherit' }));
    checks.push(['compiled worker ready', await answers(`http://127.0.0.1:${workerPort}/health/ready`)]);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
  }
  return checks;
}

async function freshDatabase(): Promise<string> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? defaultDatabaseUrl);
  const name = `${url.pathname.slice(1)}_image_smoke`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True once the URL answers 200, within a minute (a cold start of a compiled service takes seconds). */
async function answers(url: string): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
