import type { ApiKeyRepository } from '@soar/persistence';
import { matchApiKeyEntry, type ApiKeyEntry } from './api-keys';
import type { Principal } from './principal';

/**
 * The principal an `Authorization: Bearer <key>` header's API key stands for: a bootstrap key from
 * `API_KEYS`, else a stored key (POST /api/keys) that is neither expired nor revoked; null otherwise.
 */
export async function authenticateApiKey(keys: readonly ApiKeyEntry[], stored: ApiKeyRepository, header: string | undefined): Promise<Principal | null> {
  const entry = matchApiKeyEntry(keys, header);
  if (entry !== null) return { actor: entry.name, roles: entry.roles, source: 'api-key' };
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1]?.trim();
  if (!presented) return null;
  const key = await stored.authenticate(presented);
  return key && { actor: key.name, roles: key.roles, source: 'api-key' };
}
