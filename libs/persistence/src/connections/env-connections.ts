import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFENDER_CLOUD_NAMES, type DefenderEnv } from '@soar/contracts';
import { withConnectionDefaults, type ConnectionDefaults, type DefenderConnectionConfig } from '@soar/defender';

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
  })
  .refine((c) => (c.clientSecretFile === undefined) !== (c.certificateKeyFile === undefined), {
    message: 'give exactly one of clientSecretFile and certificateKeyFile',
  });

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
    ...(env.DEFENDER_KNOWN_AUTHORITIES ? { knownAuthorities: knownAuthorities(env.DEFENDER_KNOWN_AUTHORITIES) } : {}),
  };
  const defaultConnection: DefenderConnectionConfig = env.DEFENDER_CERTIFICATE_FILE
    ? { ...base, credential: { kind: 'certificate', privateKeyPem: readFileSync(env.DEFENDER_CERTIFICATE_FILE, 'utf8') } }
    : {
        ...base,
        credential: {
          kind: 'secret',
          clientSecret: env.DEFENDER_CLIENT_SECRET_FILE ? readFileSync(env.DEFENDER_CLIENT_SECRET_FILE, 'utf8').trim() : (env.DEFENDER_CLIENT_SECRET ?? SIMULATOR_SECRET),
        },
      };
  if (!env.DEFENDER_CONNECTIONS_FILE) return [defaultConnection];
  const listed = z.array(fileConnectionSchema).parse(JSON.parse(readFileSync(env.DEFENDER_CONNECTIONS_FILE, 'utf8')));
  const defaults = connectionDefaultsFromEnv(env);
  return [
    defaultConnection,
    ...listed.map((c): DefenderConnectionConfig => withConnectionDefaults({
      name: c.name,
      tenantId: c.tenantId,
      clientId: c.clientId,
      credential: c.certificateKeyFile
        ? { kind: 'certificate', privateKeyPem: readFileSync(c.certificateKeyFile, 'utf8') }
        : { kind: 'secret', clientSecret: readFileSync(c.clientSecretFile ?? '', 'utf8').trim() },
      ...(c.authorityHost ? { authorityHost: c.authorityHost } : {}),
      ...(c.apiBaseUrl ? { apiBaseUrl: c.apiBaseUrl } : {}),
      ...(c.scope ? { scope: c.scope } : {}),
      ...(c.cloud ? { cloud: c.cloud } : {}),
      ...(c.knownAuthorities ? { knownAuthorities: c.knownAuthorities } : {}),
    }, defaults)),
  ];
}
