import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { RESOURCES } from '../config/runtime-config';
import { jsonResponse, type SimResponse } from '../http/sim-response';
import type { SimContext } from '../sim-context';
import { issueAccessToken } from './access-token';
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from './client-assertion';
import { stsError, unknownTenant } from './sts-error';
import { issueDelegatedToken } from './delegated-token';
import { JWT_BEARER_GRANT, verifyOboAssertion } from './on-behalf-of';
import { handleUserGrant, isUserGrant } from './user-sign-in/user-grants';

export interface TokenRequest {
  tenant: string;
  /** v2 takes `scope=<resource>/.default`; v1 takes `resource=<resource>`. */
  version: 'v1' | 'v2';
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface TokenResult {
  response: SimResponse;
  clientId: string | null;
}

/** Client-credentials and On-Behalf-Of (jwt-bearer) grants of Entra (REFERENCE §1.2), with Entra's error codes; user grants go to handleUserGrant. */
export async function handleTokenRequest(sim: SimContext, req: TokenRequest): Promise<TokenResult> {
  const correlationId = headerValue(req.headers['client-request-id']) ?? randomUUID();
  const basic = parseBasicAuth(headerValue(req.headers.authorization));
  const clientId = req.form.client_id ?? basic?.clientId ?? null;
  const fail = (response: SimResponse): TokenResult => ({ response, clientId });

  if (req.tenant.toLowerCase() !== sim.tenantId.toLowerCase()) return fail(unknownTenant(req.tenant, correlationId));
  const grantType = req.form.grant_type;
  if (!grantType) return fail(stsError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.", correlationId));
  if (req.version === 'v2' && isUserGrant(grantType)) return handleUserGrant(sim, grantType, req.form, correlationId);
  if (grantType !== 'client_credentials' && grantType !== JWT_BEARER_GRANT) {
    return fail(stsError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`, correlationId));
  }
  if (!clientId) return fail(stsError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.", correlationId));
  const client = sim.clients.get(clientId);
  if (!client) {
    return fail(stsError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${sim.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`, correlationId));
  }

  const audience = resolveAudience(req);
  if (typeof audience !== 'string') return fail(stsScopeError(req, correlationId));

  let credential: 'secret' | 'certificate';
  const assertion = req.form.client_assertion;
  const secret = req.form.client_secret ?? basic?.secret;
  if (assertion !== undefined) {
    if (req.form.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) {
      return fail(stsError(400, 'invalid_request', 50027, `Invalid client_assertion_type '${req.form.client_assertion_type ?? ''}'.`, correlationId));
    }
    const verdict = await verifyClientAssertion(assertion, client.certificatePem, client.clientId, req.tenant);
    if (!verdict.ok) return fail(stsError(401, 'invalid_client', verdict.code, verdict.message, correlationId));
    credential = 'certificate';
  } else if (secret !== undefined) {
    if (!client.clientSecret || secret !== client.clientSecret) {
      return fail(stsError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`, correlationId));
    }
    credential = 'secret';
  } else {
    return fail(stsError(401, 'invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.", correlationId));
  }

  let token;
  if (grantType === JWT_BEARER_GRANT) {
    // On-Behalf-Of: the client authenticated above; the assertion names the user.
    const obo = await verifyOboAssertion(sim, client, req.form.assertion, req.form.requested_token_use);
    if (!obo.ok) return fail(stsError(obo.status, obo.error, obo.code, obo.message, correlationId));
    token = await issueDelegatedToken({ key: sim.signingKey, tenantId: sim.tenantId, client, user: obo.user, audience, lifetimeSeconds: sim.config.tokenLifetimeSeconds, nowMs: sim.now() });
  } else {
    token = await issueAccessToken({ key: sim.signingKey, tenantId: sim.tenantId, client, audience, lifetimeSeconds: sim.config.tokenLifetimeSeconds, credential, nowMs: sim.now() });
  }
  const body =
    req.version === 'v2'
      ? { token_type: 'Bearer', expires_in: token.expiresIn, ext_expires_in: token.expiresIn, access_token: token.accessToken, ...(token.clientInfo ? { client_info: token.clientInfo, scope: token.scope } : {}) }
      : { token_type: 'Bearer', expires_in: String(token.expiresIn), ext_expires_in: String(token.expiresIn), expires_on: String(token.expiresOn), not_before: String(token.notBefore), resource: audience, access_token: token.accessToken };
  return { response: jsonResponse(200, body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache', 'client-request-id': correlationId }), clientId: client.clientId };
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** The single resource named by `scope` (v2) or `resource` (v1), or a marker of failure. */
function resolveAudience(req: TokenRequest): string | { invalid: true } {
  if (req.version === 'v1') {
    const resource = (req.form.resource ?? '').replace(/\/$/, '');
    return RESOURCES.find((r) => r.toLowerCase() === resource.toLowerCase()) ?? { invalid: true };
  }
  // msal adds the OpenID scopes to user flows (On-Behalf-Of); Entra answers them beside the resource.
  const scopes = (req.form.scope ?? '').split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
  if (scopes.length !== 1 || !scopes[0]!.endsWith('/.default')) return { invalid: true };
  const resource = scopes[0]!.slice(0, -'/.default'.length);
  return RESOURCES.find((r) => r.toLowerCase() === resource.toLowerCase()) ?? { invalid: true };
}

function stsScopeError(req: TokenRequest, correlationId: string): SimResponse {
  if (req.version === 'v1') {
    return stsError(400, 'invalid_resource', 500011, `The resource principal named ${req.form.resource ?? ''} was not found in the tenant.`, correlationId);
  }
  return stsError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${req.form.scope ?? ''} is not valid.`, correlationId);
}

function parseBasicAuth(header: string | undefined): { clientId: string; secret: string } | null {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
