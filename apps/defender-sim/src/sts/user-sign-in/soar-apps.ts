/**
 * The SOAR service's own app registrations in the simulated tenant, for user sign-in:
 * - the API (a confidential client exposing the delegated scope `access_as_user`; its secret lets
 *   the API exchange a user's token On-Behalf-Of the user);
 * - the console (a single-page app, public client: authorization code + PKCE).
 * Fixed ids, so a local stack and the tests configure the API with the same values.
 */
export interface SoarAppRegistrations {
  apiClientId: string;
  apiClientSecret: string;
  /** Application ID URI; scopes are `<apiAppIdUri>/access_as_user`. */
  apiAppIdUri: string;
  consoleClientId: string;
}

export const SOAR_API_SCOPE_NAME = 'access_as_user';

export const DEFAULT_SOAR_APPS: SoarAppRegistrations = Object.freeze({
  apiClientId: '33333333-3333-4333-8333-333333333333',
  apiClientSecret: 'sim-soar-api-secret',
  apiAppIdUri: 'api://33333333-3333-4333-8333-333333333333',
  consoleClientId: '44444444-4444-4444-8444-444444444444',
});

/**
 * Redirect URIs the console may use. Entra matches registered URIs exactly; tests run the console
 * on random ports, so the simulator accepts any loopback http URI (RFC 8252 §7.3 port-agnostic
 * loopback), and https on localhost.
 */
export function isAllowedRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return loopback && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** The one API scope a request names (`api://<id>/access_as_user` or `<id>/access_as_user`), if any. */
export function requestedApiScope(scope: string | undefined, apps: SoarAppRegistrations): string | null {
  const scopes = (scope ?? '').split(' ').filter(Boolean);
  const names = [`${apps.apiAppIdUri}/${SOAR_API_SCOPE_NAME}`, `${apps.apiClientId}/${SOAR_API_SCOPE_NAME}`].map((s) => s.toLowerCase());
  return scopes.find((s) => names.includes(s.toLowerCase())) ?? null;
}
