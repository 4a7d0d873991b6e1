import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DefenderEnv } from '@soar/contracts';
import type { DefenderConnectionConfig } from '@soar/defender';

/** The simulator's well-known secret, used only when no credential is configured at all. */
const SIMULATOR_SECRET = 'sim-client-secret';

const fileConnectionSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  tenantId: z.string().min(1),
  clientId: z.string().min(1),
  clientSecretFile: z.string().min(1).optional(),
  certificateKeyFile: z.string().min(1).optional(),
  authorityHost: z.string().optional(),
  apiBaseUrl: z.string().optional(),
  scope: z.string().optional(),
  huntingApi: z.enum(['graph', 'defender']).optional(),
});

const knownAuthorities = (list: string) => list.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The connections configured outside the database: the `default` one from DEFENDER_* variables,
 * plus any listed in the JSON file DEFENDER_CONNECTIONS_FILE (credentials referenced by file path,
 * e.g. mounted secrets, so they never sit in the environment).
 */
export function connectionsFromEnv(env: DefenderEnv & { DEFENDER_CONNECTIONS_FILE?: string }): DefenderConnectionConfig[] {
  const base = {
    name: 'default',
    tenantId: env.DEFENDER_TENANT_ID,
    clientId: env.DEFENDER_CLIENT_ID,
    authorityHost: env.DEFENDER_AUTHORITY_HOST,
    apiBaseUrl: env.DEFENDER_API_BASE_URL,
    scope: env.DEFENDER_SCOPE,
    huntingApi: env.DEFENDER_HUNTING_API,
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
  return [
    defaultConnection,
    ...listed.map((c): DefenderConnectionConfig => ({
      name: c.name,
      tenantId: c.tenantId,
      clientId: c.clientId,
      credential: c.certificateKeyFile
        ? { kind: 'certificate', privateKeyPem: readFileSync(c.certificateKeyFile, 'utf8') }
        : { kind: 'secret', clientSecret: readFileSync(c.clientSecretFile ?? '', 'utf8').trim() },
      ...(c.authorityHost ? { authorityHost: c.authorityHost } : {}),
      ...(c.apiBaseUrl ? { apiBaseUrl: c.apiBaseUrl } : {}),
      ...(c.scope ? { scope: c.scope } : {}),
      ...(c.huntingApi ? { huntingApi: c.huntingApi } : {}),
    })),
  ];
}
