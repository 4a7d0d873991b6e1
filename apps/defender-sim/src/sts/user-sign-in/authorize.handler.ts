import type { PlainRequest } from '../../http/plain-route';
import { parseFormBody } from '../../http/read-body';
import type { SimResponse } from '../../http/sim-response';
import { findSimUser } from '../../identity/sim-users';
import { errorPage, signInPage } from './sign-in-page';
import { isAllowedRedirectUri, requestedApiScope } from './soar-apps';

const anonymous = (response: SimResponse) => ({ response, clientId: null });

/**
 * `/{tenant}/oauth2/v2.0/authorize` for the console: GET shows the sign-in form, POST checks the
 * user's password and redirects to `redirect_uri` with a single-use `code` bound to the PKCE
 * challenge (S256 only, as Entra requires of single-page apps). Problems Entra cannot send back to
 * the client (unknown client, unregistered redirect URI) are shown on the page instead.
 */
export function handleAuthorize(req: PlainRequest, method: 'GET' | 'POST') {
  const params = method === 'GET' ? Object.fromEntries(req.query) : parseFormBody(req.rawBody);
  const { sim } = req;
  const tenant = req.params.tenant!.toLowerCase();
  if (tenant !== sim.tenantId.toLowerCase() && tenant !== 'organizations' && tenant !== 'common') {
    return anonymous(errorPage(400, `AADSTS90002: Tenant '${req.params.tenant}' not found.`));
  }
  const clientId = params.client_id ?? '';
  if (clientId.toLowerCase() !== sim.soarApps.consoleClientId.toLowerCase()) {
    return anonymous(errorPage(400, `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${sim.tenantId}'.`));
  }
  const redirectUri = params.redirect_uri ?? '';
  if (!isAllowedRedirectUri(redirectUri)) {
    return anonymous(errorPage(400, `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`));
  }
  const back = (fields: Record<string, string>) => redirect(redirectUri, params.response_mode, { ...fields, ...(params.state ? { state: params.state } : {}) });
  if (params.response_type !== 'code') {
    return anonymous(back({ error: 'unsupported_response_type', error_description: `AADSTS700054: response_type '${params.response_type ?? ''}' is not enabled for the application.` }));
  }
  if (!params.code_challenge || params.code_challenge_method !== 'S256') {
    return anonymous(back({ error: 'invalid_request', error_description: 'AADSTS9002325: Proof Key for Code Exchange (S256) is required for cross-origin authorization code redemption.' }));
  }
  if (!requestedApiScope(params.scope, sim.soarApps)) {
    return anonymous(back({ error: 'invalid_scope', error_description: `AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope ${params.scope ?? ''} is not valid.` }));
  }
  if (method === 'GET') return anonymous(signInPage(params));

  const user = findSimUser(params.username ?? '');
  if (!user || user.password !== params.password) {
    return anonymous(signInPage(params, 'Your account or password is incorrect.'));
  }
  const code = sim.userSessions.issueCode(
    { username: user.username, clientId, redirectUri, scope: params.scope!, codeChallenge: params.code_challenge, ...(params.nonce ? { nonce: params.nonce } : {}) },
    sim.now(),
  );
  const clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: sim.tenantId })).toString('base64url');
  return { response: back({ code, client_info: clientInfo }), clientId };
}

/** 302 to the client, the answer in the query or (msal-browser's default) the fragment. */
function redirect(redirectUri: string, responseMode: string | undefined, fields: Record<string, string>): SimResponse {
  const url = new URL(redirectUri);
  const answer = new URLSearchParams(fields).toString();
  if (responseMode === 'fragment') url.hash = answer;
  else for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString(), 'cache-control': 'no-store' } };
}
