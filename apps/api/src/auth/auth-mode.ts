import type { ApiConfig } from '../api.config';
import { entraConfigured } from './entra/entra.config';

/**
 * How the API authenticates: `entra` (users sign in with Entra ID; API keys, if any, still work
 * for automation), `api-key` (API keys only) or `local` (nothing configured: no authentication).
 * The one definition behind GET /api/auth/config and local mode (local-mode.ts).
 */
export type AuthMode = 'local' | 'api-key' | 'entra';

export type AuthSettings = Pick<ApiConfig, 'API_KEYS'> & Partial<Pick<ApiConfig, 'ENTRA_TENANT_ID' | 'ENTRA_API_CLIENT_ID' | 'ENTRA_CONSOLE_CLIENT_ID'>>;

export function authModeOf(config: AuthSettings): AuthMode {
  if (entraConfigured(config)) return 'entra';
  return config.API_KEYS.length > 0 ? 'api-key' : 'local';
}
