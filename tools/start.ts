/**
 * `npm start`: prepares the database (create, migrate, load built-in playbooks) and runs the API,
 * the worker and — when no Defender tenant is configured — the Defender simulator, as separate
 * processes. Ctrl-C stops them all.
 */
import 'dotenv/config';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { coreEnvSchema, parseEnvironment, ConfigError } from '@soar/contracts';
import { prepareDatabase } from './prepare-database';
import { ensureConsoleBuilt } from './build-console';
import { checkPostgres, checkRedis } from './preflight';
import { validateStartEnvironment } from './validate-environment';
import { ensureSimulatorCertificate, SEED } from '@soar/defender-sim';

const repo = path.resolve(__dirname, '..');
const children: ChildProcess[] = [];

function startApp(label: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', path.join(repo, 'tools/register.js'), path.join(repo, entry)], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${label}] `);
  child.stdout?.on('data', (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(prefix(d)));
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`[${label}] exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  shuttingDown = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  // Every process's variables first: one list of every bad value, before any service is touched.
  validateStartEnvironment(process.env, { simulator: !process.env.DEFENDER_TENANT_ID });
  const env = parseEnvironment(coreEnvSchema, process.env);
  await checkPostgres(env.DATABASE_URL);
  await checkRedis(env.REDIS_URL);
  const loaded = await prepareDatabase(env.DATABASE_URL);
  console.log(`Loaded ${loaded.length} built-in playbook(s): ${loaded.map((p) => `${p.name} v${p.version}`).join(', ')}`);

  // Built before the API starts so `/` serves the console of this checkout (skipped when current).
  await ensureConsoleBuilt();

  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL };
  const useSimulator = !process.env.DEFENDER_TENANT_ID;
  let controlUrl: string | undefined;
  if (useSimulator) {
    const cert = await ensureSimulatorCertificate(path.join(repo, '.sim-state'));
    const simPort = process.env.SIM_PORT ?? '8443';
    const controlPort = process.env.SIM_CONTROL_PORT ?? '8444';
    controlUrl = `http://127.0.0.1:${controlPort}`;
    Object.assign(childEnv, {
      NODE_EXTRA_CA_CERTS: cert.certPath,
      SIM_PORT: simPort,
      SIM_CONTROL_PORT: controlPort,
      DEFENDER_AUTHORITY_HOST: `https://localhost:${simPort}`,
      DEFENDER_API_BASE_URL: `https://localhost:${simPort}`,
      DEFENDER_KNOWN_AUTHORITIES: `localhost:${simPort}`,
      // The simulator is not a Microsoft cloud host: connections may use it only because the server says so.
      DEFENDER_ALLOWED_HOSTS: `localhost:${simPort}`,
    });
    startApp('defender-sim', 'apps/defender-sim/src/main.ts', childEnv);
    await waitForHttp(`${controlUrl}/health`);
  }
  startApp('worker', 'apps/worker/src/main.ts', childEnv);
  startApp('api', 'apps/api/src/main.ts', childEnv);
  const port = process.env.PORT ?? '3000';
  const apiUrl = `http://127.0.0.1:${port}/api`;
  await waitForHttp(`${apiUrl}/health`);
  // A New, high-severity alert of the simulator's seed data whose Windows machine can be isolated.
  const alertId = useSimulator ? SEED.alerts.highSeverityOnWindows : '<alert id>';
  // The health check above needs no key; every other route does when API_KEYS is set (never print a key).
  const auth = process.env.API_KEYS?.trim() ? ` -H 'Authorization: Bearer <your key>'` : '';

  console.log(`
SOAR for Defender for Endpoint is running.
  Console:    http://127.0.0.1:${port}/
  API:        ${apiUrl}   (playbooks: ${apiUrl}/playbooks, runs: ${apiUrl}/runs, actions: ${apiUrl}/actions)
  Defender:   ${useSimulator ? `simulator at https://localhost:${childEnv.SIM_PORT} (control API ${controlUrl})` : 'tenant ' + process.env.DEFENDER_TENANT_ID}

Start a run of the built-in isolation playbook:
  curl -s -X POST ${apiUrl}/playbooks/isolate-alert-machine/runs${auth} \\
       -H 'Content-Type: application/json' \\
       -d '{"inputs": {"alert_id": "${alertId}"}}'
Then follow it with:  curl -s${auth} ${apiUrl}/runs/<runId>
API reference:        ${apiUrl}/docs
Press Ctrl-C to stop.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  await shutdown(1);
});
