import { z } from 'zod';
import { DEFAULT_DEFENDER_CLOUD, DEFENDER_CLOUD_NAMES } from './defender-clouds';

/** Variables every process shares, with working local defaults. */
export const coreEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }).default('postgresql://postgres@127.0.0.1:5432/defender_soar'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
  /** Redis key prefix for the queues (lets several installations share one Redis). */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('soar'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** JSON file of playbook secrets (name → value) read by `${{ secrets.NAME }}`. */
  PLAYBOOK_SECRETS_FILE: z.string().min(1).optional(),
});

/**
 * The default Defender connection. Hosts default to Microsoft's public cloud; the tenant and client
 * default to the simulator's well-known ones, which `npm start` points at the bundled simulator
 * when no DEFENDER_TENANT_ID is set (see apps/defender-sim).
 */
export const defenderEnvSchema = z.object({
  DEFENDER_TENANT_ID: z.string().min(1).default('11111111-1111-1111-1111-111111111111'),
  DEFENDER_CLIENT_ID: z.string().min(1).default('22222222-2222-2222-2222-222222222222'),
  DEFENDER_CLIENT_SECRET: z.string().min(1).optional(),
  DEFENDER_CLIENT_SECRET_FILE: z.string().min(1).optional(),
  DEFENDER_CERTIFICATE_FILE: z.string().min(1).optional(),
  /** Sets sign-in host, API base URL and scope together (see DEFENDER_CLOUDS); the three below override one each. */
  DEFENDER_CLOUD: z.enum(DEFENDER_CLOUD_NAMES, { error: `must be one of ${DEFENDER_CLOUD_NAMES.join(', ')}` }).default(DEFAULT_DEFENDER_CLOUD),
  /** Unset: the cloud's. Also the default of every other connection that names no cloud and no host. */
  DEFENDER_AUTHORITY_HOST: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
  DEFENDER_API_BASE_URL: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
  DEFENDER_SCOPE: z.string().min(1).optional(),
  /** Hosts msal-node may trust without Microsoft's instance discovery (needed for the simulator). */
  DEFENDER_KNOWN_AUTHORITIES: z.string().default(''),
  /**
   * Hosts (`host` or `host:port`, https) connections may use besides Microsoft's clouds, e.g. the
   * simulator's `localhost:8443`. Users of the API cannot widen this.
   */
  DEFENDER_ALLOWED_HOSTS: z.string().default(''),
  /** Advanced hunting through Microsoft Graph runHuntingQuery (default) or the legacy Defender API. */
  DEFENDER_HUNTING_API: z.enum(['graph', 'defender']).default('graph'),
  /** JSON file listing more named connections (credentials by file path), for several tenants. */
  DEFENDER_CONNECTIONS_FILE: z.string().min(1).optional(),
  /**
   * 32 random bytes, base64 (`openssl rand -base64 32`): encrypts credentials of connections added
   * through the API. Without it the API refuses to store credentials.
   */
  CREDENTIALS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
});
export type CoreEnv = z.infer<typeof coreEnvSchema>;
export type DefenderEnv = z.infer<typeof defenderEnvSchema>;
