import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** What the verifier needs from the authority's OpenID metadata. */
export interface EntraKeys {
  issuer: string;
  keys: JWTVerifyGetKey;
}

/**
 * Reads `<authority>/v2.0/.well-known/openid-configuration` once for the issuer and `jwks_uri`;
 * jose's remote key set then fetches the keys, caches them and refetches on an unknown `kid`
 * (Entra rolls its signing keys). A failed read is not cached, so the next request tries again.
 */
export function entraMetadataLoader(authority: string, tenantId: string): () => Promise<EntraKeys> {
  let pending: Promise<EntraKeys> | null = null;
  const load = async (): Promise<EntraKeys> => {
    const url = `${authority}/v2.0/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`Entra metadata ${url} answered ${response.status}`);
    const meta = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof meta.issuer !== 'string' || typeof meta.jwks_uri !== 'string') throw new Error(`Entra metadata ${url} has no issuer or jwks_uri`);
    // Multi-tenant metadata names `{tenantid}`; this API accepts its own tenant only.
    const issuer = meta.issuer.replace('{tenantid}', tenantId);
    return { issuer, keys: createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 10_000, cooldownDuration: 30_000 }) };
  };
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
