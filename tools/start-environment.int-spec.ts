import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { Client } from 'pg';
import { testDatabaseUrl } from '@soar/testing';

const repo = path.resolve(__dirname, '..');

/** `npm start` as a user runs it, with deliberate mistakes in the environment. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['-r', './tools/register.js', 'tools/start.ts'], {
    cwd: repo,
    // No .env from the developer's checkout leaks in: dotenv does not override what is set here.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = new URL(testDatabaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('npm start: configuration checked up front', () => {
  it('lists every bad variable of every process at once, without a stack trace, before touching the database', async () => {
    const unusedDb = `soar_never_created_${process.pid}`;
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${unusedDb}`;
    const { status, output } = start({ PORT: 'abc', WORKER_CONCURRENCY: '-1', SIM_CONTROL_PORT: '70000', DATABASE_URL: url.toString() });
    expect(status).toBe(1);
    expect(output).toContain('Invalid configuration:');
    expect(output).toMatch(/PORT: .* \(api\)/);
    expect(output).toMatch(/WORKER_CONCURRENCY: .* \(worker\)/);
    expect(output).toMatch(/SIM_CONTROL_PORT: .* \(defender-sim\)/);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    expect(await databaseExists(unusedDb)).toBe(false);
  });

  it('a variable read by the API and the worker is listed once, naming both', () => {
    const { status, output } = start({ REDIS_URL: 'http://not-redis' });
    expect(status).toBe(1);
    expect(output.match(/REDIS_URL/g)).toHaveLength(1);
    expect(output).toMatch(/REDIS_URL: must be a redis:\/\/ URL \(api, worker\)/);
  });

  it('Redis unreachable: the hint starts Redis on the URL’s port, and ioredis prints no stack', () => {
    const { status, output } = start({ DATABASE_URL: testDatabaseUrl, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(status).toBe(1);
    expect(output).toContain('Cannot reach Redis at redis://127.0.0.1:1');
    expect(output).toContain('redis-server --daemonize yes --bind 127.0.0.1 --port 1');
    expect(output).not.toContain('[ioredis]');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('a certificate file that cannot work stops the start with the reason, before anything runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'soar-start-'));
    try {
      const keyOnly = path.join(dir, 'key-only.pem');
      writeFileSync(keyOnly, (await generate(undefined, { keySize: 2048 })).private);
      const tenant = { DEFENDER_TENANT_ID: 'contoso', DEFENDER_CLIENT_ID: 'app' };
      const bad = start({ ...tenant, DEFENDER_CERTIFICATE_FILE: keyOnly });
      expect(bad.status).toBe(1);
      expect(bad.output).toContain('Defender connection "default" is misconfigured: certificate: the PEM holds a private key but no certificate');
      expect(bad.output).not.toContain('PRIVATE KEY-----');
      expect(bad.output).not.toMatch(/\n\s+at /);
      const missing = start({ ...tenant, DEFENDER_CERTIFICATE_FILE: path.join(dir, 'nope.pem') });
      expect(missing.output).toContain(`DEFENDER_CERTIFICATE_FILE ${path.join(dir, 'nope.pem')} cannot be read (ENOENT)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
