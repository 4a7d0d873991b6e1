import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, DEFENDER_CLOUD_NAMES, type DefenderEnv } from '@soar/contracts';
import { ConnectionConfigError, withConnectionDefaults, type ConnectionDefaults, type DefenderConnectionConfig } from '@soar/defender';

/** The simulator's well-known secret, used only when no credential is configured at all. */
const SIMULATOR_SECRET = 'sim-client-secret';

/** One entry of DEFENDER_CONNECTIONS_FILE (documented in the README's tenant section). */
const fileConnectionSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecretFile: z.string().min(1).optional(),
    /** PEM file with the private key and its certificate. */
    certificateKeyFile: z.string().min(1).optional(),
    cloud: z.enum(DEFENDER_CLOUD_NAMES).optional(),
    authorityHost: z.string().optional(),
    apiBaseUrl: z.string().optional(),
    scope: z.string().optional(),
    knownAuthorities: z.array(z.string().min(1)).optional(),
    /** Advanced hunting through Graph runHuntingQuery (default) or the legacy Defender API. */
    huntingApi: z.enum(['graph', 'defender']).optional(),
  })
  .refine((c) => (c.clientSecretFile === undefined) !== (c.certificateKeyFile === undefined), {
    message: 'give exactly one of clientSecretFile and certificateKeyFile',
  });

/** Reads a credential file; a missing or unreadable one is a ConnectionConfigError naming the variable or key. */
function readCredentialFile(connection: string, what: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConnectionConfigError(connection, `${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** The connections file, or a ConfigError listing every problem in it (never its credentials: they are file paths). */
function readConnectionsFile(file: string): z.infer<typeof fileConnectionSchema>[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`DEFENDER_CONNECTIONS_FILE: ${file} is not readable JSON (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const parsed = z.array(fileConnectionSchema).safeParse(json);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `DEFENDER_CONNECTIONS_FILE ${file}: ${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')}: ${i.message}`));
  return parsed.data;
}

const knownAuthorities = (list: string) => list.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The connections configured outside the database: the `default` one from DEFENDER_* variables,
 * plus any listed in the JSON file DEFENDER_CONNECTIONS_FILE (credentials referenced by file path,
 * e.g. mounted secrets, so they never sit in the environment).
 */
/** The environment's cloud and hosts, inherited by every connection that names no cloud of its own. */
export function connectionDefaultsFromEnv(env: DefenderEnv): ConnectionDefaults {
  return {
    cloud: env.DEFENDER_CLOUD,
    ...(env.DEFENDER_AUTHORITY_HOST ? { authorityHost: env.DEFENDER_AUTHORITY_HOST } : {}),
    ...(env.DEFENDER_API_BASE_URL ? { apiBaseUrl: env.DEFENDER_API_BASE_URL } : {}),
    ...(env.DEFENDER_SCOPE ? { scope: env.DEFENDER_SCOPE } : {}),
  };
}

export function connectionsFromEnv(env: DefenderEnv & { DEFENDER_CONNECTIONS_FILE?: string }): DefenderConnectionConfig[] {
  const base = {
    name: 'default',
    tenantId: env.DEFENDER_TENANT_ID,
    clientId: env.DEFENDER_CLIENT_ID,
    ...connectionDefaultsFromEnv(env),
    huntingApi: env.DEFENDER_HUNTING_API,
    ...(env.DEFENDER_KNOWN_AUTHORITIES ? { knownAuthorities: knownAuthorities(env.DEFENDER_KNOWN_AUTHORITIES) } : {}),
  };
  const defaultConnection: DefenderConnectionConfig = env.DEFENDER_CERTIFICATE_FILE
    ? { ...base, credential: { kind: 'certificate', privateKeyPem: readCredentialFile('default', 'DEFENDER_CERTIFICATE_FILE', env.DEFENDER_CERTIFICATE_FILE) } }
    : {
        ...base,
        credential: {
          kind: 'secret',
          clientSecret: env.DEFENDER_CLIENT_SECRET_FILE ? readCredentialFile('default', 'DEFENDER_CLIENT_SECRET_FILE', env.DEFENDER_CLIENT_SECRET_FILE).trim() : (env.DEFENDER_CLIENT_SECRET ?? SIMULATOR_SECRET),
        },
      };
  if (!env.DEFENDER_CONNECTIONS_FILE) return [defaultConnection];
  const listed = readConnectionsFile(env.DEFENDER_CONNECTIONS_FILE);
  const defaults = connectionDefaultsFromEnv(env);
  return [
    defaultConnection,
    ...listed.map((c): DefenderConnectionConfig => withConnectionDefaults({
      name: c.name,
      tenantId: c.tenantId,
      clientId: c.clientId,
      credential: c.certificateKeyFile
        ? { kind: 'certificate', privateKeyPem: readCredentialFile(c.name, 'certificateKeyFile', c.certificateKeyFile) }
        : { kind: 'secret', clientSecret: readCredentialFile(c.name, 'clientSecretFile', c.clientSecretFile ?? '').trim() },
      ...(c.authorityHost ? { authorityHost: c.authorityHost } : {}),
      ...(c.apiBaseUrl ? { apiBaseUrl: c.apiBaseUrl } : {}),
      ...(c.scope ? { scope: c.scope } : {}),
      ...(c.cloud ? { cloud: c.cloud } : {}),
      ...(c.knownAuthorities ? { knownAuthorities: c.knownAuthorities } : {}),
      ...(c.huntingApi ? { huntingApi: c.huntingApi } : {}),
    }, defaults)),
  ];
}
