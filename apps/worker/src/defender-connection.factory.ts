import { readFileSync } from 'node:fs';
import type { DefenderConnectionConfig } from '@soar/defender';
import type { DefenderEnv } from '@soar/contracts';

/** The simulator's well-known secret, used only when no credential is configured at all. */
const SIMULATOR_SECRET = 'sim-client-secret';

/**
 * Builds the default connection from the environment. Credentials may come from a file (mounted
 * secret) so they never sit in the process environment.
 */
export function defaultConnectionFromEnv(env: DefenderEnv): DefenderConnectionConfig {
  const base = {
    name: 'default',
    tenantId: env.DEFENDER_TENANT_ID,
    clientId: env.DEFENDER_CLIENT_ID,
    authorityHost: env.DEFENDER_AUTHORITY_HOST,
    apiBaseUrl: env.DEFENDER_API_BASE_URL,
    scope: env.DEFENDER_SCOPE,
    knownAuthorities: env.DEFENDER_KNOWN_AUTHORITIES.split(',').map((s) => s.trim()).filter(Boolean),
  };
  if (env.DEFENDER_CERTIFICATE_FILE) {
    return { ...base, credential: { kind: 'certificate', privateKeyPem: readFileSync(env.DEFENDER_CERTIFICATE_FILE, 'utf8') } };
  }
  const clientSecret = env.DEFENDER_CLIENT_SECRET_FILE
    ? readFileSync(env.DEFENDER_CLIENT_SECRET_FILE, 'utf8').trim()
    : (env.DEFENDER_CLIENT_SECRET ?? SIMULATOR_SECRET);
  return { ...base, credential: { kind: 'secret', clientSecret } };
}
