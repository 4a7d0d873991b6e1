import { createHash, timingSafeEqual } from 'node:crypto';
import { jsonResponse, type SimResponse } from '../../http/sim-response';
import { findSimUser, type SimUser } from '../../identity/sim-users';
import type { SimContext } from '../../sim-context';
import { stsError } from '../sts-error';
import { isAllowedRedirectUri, requestedApiScope } from './soar-apps';
import { issueUserTokens } from './user-token';

/** Grants that sign a user in (as opposed to the app-only client credentials grant). */
export const USER_GRANT_TYPES = ['authorization_code', 'refresh_token', 'password'] as const;
export type UserGrantType = (typeof USER_GRANT_TYPES)[number];

export const isUserGrant = (grantType: string): grantType is UserGrantType => (USER_GRANT_TYPES as readonly string[]).includes(grantType);

/**
 * The v2 token endpoint's user grants for the SOAR console (a public client): the authorization
 * code with its PKCE verifier, the refresh token msal keeps, and the resource owner password grant
 * (tests and the CLI). Each answers with an access token for the SOAR API, an id token, a rotated
 * refresh token and `client_info`, as Entra does.
 */
export async function handleUserGrant(sim: SimContext, grantType: UserGrantType, form: Record<string, string>, correlationId: string): Promise<{ response: SimResponse; clientId: string | null }> {
  const clientId = form.client_id ?? '';
  const fail = (status: number, error: string, code: number, message: string) => ({ response: stsError(status, error, code, message, correlationId), clientId: clientId || null });
  if (clientId.toLowerCase() !== sim.soarApps.consoleClientId.toLowerCase()) {
    return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${sim.tenantId}'.`);
  }

  let user: SimUser | undefined;
  let scope: string;
  let nonce: string | undefined;
  if (grantType === 'password') {
    if (!requestedApiScope(form.scope, sim.soarApps)) return fail(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${form.scope ?? ''} is not valid.`);
    user = findSimUser(form.username ?? '');
    if (!user || user.password !== form.password) return fail(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
    scope = form.scope!;
  } else if (grantType === 'authorization_code') {
    if (!form.code_verifier) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code_verifier'.");
    const pending = sim.userSessions.takeCode(form.code ?? '', sim.now());
    if (!pending || pending.clientId.toLowerCase() !== clientId.toLowerCase()) {
      return fail(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity, or was already redeemed. Send a new interactive authorization request for this user and resource.');
    }
    if (!form.redirect_uri || form.redirect_uri !== pending.redirectUri || !isAllowedRedirectUri(form.redirect_uri)) {
      return fail(400, 'invalid_grant', 50011, `The redirect URI '${form.redirect_uri ?? ''}' does not match the one the authorization code was issued for.`);
    }
    if (!pkceMatches(form.code_verifier, pending.codeChallenge)) {
      return fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    }
    user = findSimUser(pending.username);
    scope = pending.scope;
    nonce = pending.nonce;
  } else {
    const grant = sim.userSessions.takeRefreshToken(form.refresh_token ?? '');
    if (!grant || grant.clientId.toLowerCase() !== clientId.toLowerCase()) return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is not valid.');
    user = findSimUser(grant.username);
    scope = grant.scope;
  }
  if (!user) return fail(400, 'invalid_grant', 50034, 'The user account does not exist in this directory.');

  const tokens = await issueUserTokens({ key: sim.signingKey, tenantId: sim.tenantId, user, apps: sim.soarApps, clientId, nonce, lifetimeSeconds: sim.config.tokenLifetimeSeconds, nowMs: sim.now() });
  const refreshToken = sim.userSessions.issueRefreshToken({ username: user.username, clientId, scope });
  const apiScope = requestedApiScope(scope, sim.soarApps)!;
  const oidc = scope.split(' ').filter((s) => ['openid', 'profile', 'email', 'offline_access'].includes(s));
  const body = {
    token_type: 'Bearer',
    scope: [apiScope, ...oidc].join(' '),
    expires_in: tokens.expiresIn,
    ext_expires_in: tokens.expiresIn,
    access_token: tokens.accessToken,
    refresh_token: refreshToken,
    id_token: tokens.idToken,
    client_info: tokens.clientInfo,
  };
  return { response: jsonResponse(200, body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache', 'client-request-id': correlationId }), clientId };
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) equals the challenge of the authorize request. */
function pkceMatches(verifier: string, challenge: string): boolean {
  const computed = createHash('sha256').update(verifier, 'ascii').digest();
  const expected = Buffer.from(challenge, 'base64url');
  return expected.length === computed.length && timingSafeEqual(expected, computed);
}
