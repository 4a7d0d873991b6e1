import type { ApiConfig } from '../api.config';
import { entraSettings } from './entra/entra.config';

/**
 * How the API authenticates: `entra` (users sign in with Entra ID; API keys, if any, still work
 * for automation), `api-key` (API keys only) or `local` (nothing configured: no authentication).
 */
export type AuthMode = 'local' | 'api-key' | 'entra';

export function authModeOf(config: Pick<ApiConfig, 'API_KEYS' | 'ENTRA_TENANT_ID' | 'ENTRA_API_CLIENT_ID' | 'ENTRA_CONSOLE_CLIENT_ID' | 'ENTRA_AUTHORITY' | 'ENTRA_API_SCOPE' | 'ENTRA_CLOCK_SKEW_SECONDS' | 'ENTRA_GROUP_ROLES'>): AuthMode {
  if (entraSettings(config)) return 'entra';
  return config.API_KEYS.length > 0 ? 'api-key' : 'local';
}
