import { parseFormBody } from '../http/read-body';
import type { PlainRequest, PlainRoute } from '../http/plain-route';
import { jsonResponse } from '../http/sim-response';
import { instanceDiscovery, openIdConfiguration } from './openid-configuration';
import { stsError } from './sts-error';
import { handleTokenRequest } from './token.handler';
import { handleAuthorize } from './user-sign-in/authorize.handler';
import { handleLogout } from './user-sign-in/logout.handler';
import { v2Issuer } from './user-sign-in/user-token';
import type { HandlerResult } from '../http/plain-route';

const anonymous = (response: ReturnType<typeof jsonResponse>) => ({ response, clientId: null });

function knownTenant(req: PlainRequest): boolean {
  const t = req.params.tenant!.toLowerCase();
  return t === req.sim.tenantId.toLowerCase() || t === 'common' || t === 'organizations';
}

function metadata(req: PlainRequest) {
  if (!knownTenant(req)) {
    return anonymous(stsError(400, 'invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`));
  }
  return anonymous(jsonResponse(200, openIdConfiguration(req.sim.urls.apiBaseUrl, req.params.tenant!, req.sim.tenantId)));
}

function discovery(req: PlainRequest) {
  // msal asks with the authority in `authorization_endpoint`; answer for whichever tenant it names.
  const endpoint = req.query.get('authorization_endpoint') ?? '';
  const tenant = /^https:\/\/[^/]+\/([^/]+)\//.exec(endpoint)?.[1] ?? req.params.tenant ?? 'common';
  return anonymous(jsonResponse(200, instanceDiscovery(req.sim.urls.apiBaseUrl, req.sim.urls.authorityHost, tenant)));
}

/** The same key signs v1 app tokens and v2 user tokens; each keys document names its issuer. */
function keys(version: 'v1' | 'v2') {
  return (req: PlainRequest) => {
    const issuer = version === 'v2' ? v2Issuer(req.sim.tenantId) : `https://sts.windows.net/${req.sim.tenantId}/`;
    return anonymous(jsonResponse(200, { keys: [{ ...req.sim.signingKey.publicJwk, x5t: req.sim.signingKey.kid, issuer }] }));
  };
}

/**
 * Entra answers its metadata, keys and token endpoints to browsers of any origin: a single-page
 * app (the console, with msal-browser) reads them with fetch. msal's token request carries
 * headers that make the browser ask first (OPTIONS).
 */
function withCors(handle: PlainRoute['handle']): PlainRoute['handle'] {
  return async (req) => {
    const result: HandlerResult = await handle(req);
    return { ...result, response: { ...result.response, headers: { ...result.response.headers, 'access-control-allow-origin': '*' } } };
  };
}

const preflight: PlainRoute['handle'] = () =>
  anonymous({
    status: 204,
    body: '',
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-anchormailbox, client-request-id, x-client-sku, x-client-ver, x-client-os, x-client-cpu, x-ms-lib-capability, x-client-current-telemetry, x-client-last-telemetry',
      'access-control-max-age': '86400',
    },
  });

/** Entra endpoints msal-node and hand-written clients call (REFERENCE §1.2, §1.6). */
export const STS_ROUTES: PlainRoute[] = [
  { method: 'GET', path: '/:tenant/v2.0/.well-known/openid-configuration', handle: withCors(metadata) },
  { method: 'GET', path: '/:tenant/.well-known/openid-configuration', handle: withCors(metadata) },
  { method: 'GET', path: '/common/discovery/instance', handle: withCors(discovery) },
  { method: 'GET', path: '/:tenant/discovery/instance', handle: withCors(discovery) },
  { method: 'GET', path: '/:tenant/discovery/v2.0/keys', handle: withCors(keys('v2')) },
  { method: 'GET', path: '/:tenant/discovery/keys', handle: withCors(keys('v1')) },
  { method: 'GET', path: '/:tenant/oauth2/v2.0/authorize', handle: (req) => handleAuthorize(req, 'GET') },
  { method: 'POST', path: '/:tenant/oauth2/v2.0/authorize', handle: (req) => handleAuthorize(req, 'POST') },
  { method: 'GET', path: '/:tenant/oauth2/v2.0/logout', handle: handleLogout },
  { method: 'OPTIONS', path: '/:tenant/oauth2/v2.0/token', handle: preflight },
  {
    method: 'POST',
    path: '/:tenant/oauth2/v2.0/token',
    handle: withCors((req) => handleTokenRequest(req.sim, { tenant: req.params.tenant!, version: 'v2', form: parseFormBody(req.rawBody), headers: req.headers })),
  },
  {
    method: 'POST',
    path: '/:tenant/oauth2/token',
    handle: (req) => handleTokenRequest(req.sim, { tenant: req.params.tenant!, version: 'v1', form: parseFormBody(req.rawBody), headers: req.headers }),
  },
];
