import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { defenderHostRefusal, parseDefenderAllowedHosts } from '@soar/defender';
import { apiEnvSchema } from '../apps/api/src/api.config';
import { workerEnvSchema } from '../apps/worker/src/worker.config';

/**
 * Docker cannot run on the CI machines, so this checks the compose file statically: every
 * service the apps need is there, wired to each other, and each app's environment passes the
 * same schema the app validates at boot.
 */
const repo = path.resolve(__dirname, '..');
const raw = readFileSync(path.join(repo, 'docker-compose.yml'), 'utf8');

/** Compose's variable substitution: `${VAR}`, `${VAR:-default}`, `${VAR:?error}` (refuses to start), `$$`. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([?-])([^}]*))?\}/g, (match, name: string | undefined, kind: string | undefined, arg: string | undefined) => {
    if (match === '$$') return '$';
    const value = vars[name!];
    if (value) return value;
    if (kind === '?') throw new Error(`${name}: ${arg}`);
    return kind === '-' ? arg! : '';
  });
}

const VARS = { POSTGRES_PASSWORD: 'pw-from-env-0c1d', API_KEYS: 'admin:admin=key-from-env-7e2f9a' };
type Service = {
  image?: string;
  ports?: string[];
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  secrets?: string[];
};
const compose = parse(interpolate(raw, VARS), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('runs Postgres 16, Redis 7, the simulator, a migration step, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'defender-sim', 'migrate', 'postgres', 'redis', 'worker']);
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.redis!.image).toMatch(/^redis:7/);
  });

  it('configures Redis the way BullMQ needs: no eviction, append-only persistence', () => {
    const command = services.redis!.command!.join(' ');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it.each([
    ['api', apiEnvSchema, 'apps/api/src/main.js'],
    ['worker', workerEnvSchema, 'apps/worker/src/main.js'],
  ] as const)('%s gets a complete, valid environment pointing at the compose services', (name, schema, entry) => {
    const service = services[name]!;
    const env = service.environment!;
    expect(schema.safeParse(env).success).toBe(true);
    expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
    expect(service.command).toContain(entry);
    expect(Object.keys(service.depends_on ?? {})).toEqual(expect.arrayContaining(['migrate', 'redis']));
    expect(service.depends_on!.migrate!.condition).toBe('service_completed_successfully');
  });

  it('gives the worker a Defender connection whose secret comes from a declared secret file', () => {
    const worker = services.worker!;
    const env = worker.environment!;
    for (const key of ['DEFENDER_TENANT_ID', 'DEFENDER_CLIENT_ID', 'DEFENDER_AUTHORITY_HOST', 'DEFENDER_API_BASE_URL', 'DEFENDER_SCOPE']) {
      expect(env[key]).toBeTruthy();
    }
    expect(env.DEFENDER_CLIENT_SECRET).toBeUndefined();
    const secretName = path.basename(env.DEFENDER_CLIENT_SECRET_FILE!);
    expect(worker.secrets).toContain(secretName);
    expect(readFileSync(path.join(repo, compose.secrets[secretName]!.file), 'utf8').trim()).not.toBe('');
    expect(new URL(env.DEFENDER_API_BASE_URL!).hostname).toBe('defender-sim');
    // The simulator is not a Microsoft host: without DEFENDER_ALLOWED_HOSTS the worker would refuse the connection.
    const hosts = { authorityHost: env.DEFENDER_AUTHORITY_HOST, apiBaseUrl: env.DEFENDER_API_BASE_URL };
    expect(defenderHostRefusal(hosts, parseDefenderAllowedHosts(env.DEFENDER_ALLOWED_HOSTS ?? ''))).toBeUndefined();
  });

  it('refuses to start without a database password and API keys from the environment (issue 12, item 13)', () => {
    expect(() => interpolate(raw, {})).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolate(raw, { POSTGRES_PASSWORD: 'x' })).toThrow(/API_KEYS/);
  });

  it('uses the database password from the environment, nowhere written in the file', () => {
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toBe(VARS.POSTGRES_PASSWORD);
    for (const name of ['migrate', 'api', 'worker']) {
      expect(decodeURIComponent(new URL(services[name]!.environment!.DATABASE_URL!).password)).toBe(VARS.POSTGRES_PASSWORD);
    }
    const literal = parse(raw, { merge: true }) as { services: Record<string, Service> };
    expect(literal.services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('never runs the API unauthenticated on a network address', () => {
    const env = services.api!.environment!;
    const loopback = ['127.0.0.1', '::1', 'localhost'].includes(env.HOST ?? '127.0.0.1');
    if (!loopback) expect(env.API_KEYS).toBe(VARS.API_KEYS);
    expect(apiEnvSchema.parse(env).API_KEYS).toBeTruthy();
  });

  it('publishes only the API, on the host loopback; never the simulator or its control API', () => {
    expect(services['defender-sim']!.ports ?? []).toEqual([]);
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p]));
    expect(published).toEqual([['api', '127.0.0.1:3000:3000']]);
  });

  it('migrates before the apps start, from a multi-stage Dockerfile', () => {
    expect(services.migrate!.command).toContain('tools/prepare-database.js');
    // The image runs compiled JavaScript: every command names the .js compiled from a source here.
    for (const name of ['migrate', 'defender-sim', 'api', 'worker']) {
      const entry = services[name]!.command!.find((a) => a.endsWith('.js'))!;
      expect(existsSync(path.join(repo, entry.replace(/\.js$/, '.ts')))).toBe(true);
    }
    expect(services.migrate!.depends_on!.postgres!.condition).toBe('service_healthy');
    const dockerfile = readFileSync(path.join(repo, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    for (const name of ['migrate', 'defender-sim', 'api', 'worker']) expect(services[name]!.build).toBeDefined();
  });
});
