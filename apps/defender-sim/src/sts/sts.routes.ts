import { parseFormBody } from '../http/read-body';
import type { PlainRequest, PlainRoute } from '../http/plain-route';
import { jsonResponse } from '../http/sim-response';
import { instanceDiscovery, openIdConfiguration } from './openid-configuration';
import { stsError } from './sts-error';
import { handleTokenRequest } from './token.handler';

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

function keys(req: PlainRequest) {
  return anonymous(jsonResponse(200, { keys: [{ ...req.sim.signingKey.publicJwk, x5t: req.sim.signingKey.kid, issuer: `https://sts.windows.net/${req.sim.tenantId}/` }] }));
}

/** Entra endpoints msal-node and hand-written clients call (REFERENCE §1.2, §1.6). */
export const STS_ROUTES: PlainRoute[] = [
  { method: 'GET', path: '/:tenant/v2.0/.well-known/openid-configuration', handle: metadata },
  { method: 'GET', path: '/:tenant/.well-known/openid-configuration', handle: metadata },
  { method: 'GET', path: '/common/discovery/instance', handle: discovery },
  { method: 'GET', path: '/:tenant/discovery/instance', handle: discovery },
  { method: 'GET', path: '/:tenant/discovery/v2.0/keys', handle: keys },
  { method: 'GET', path: '/:tenant/discovery/keys', handle: keys },
  {
    method: 'POST',
    path: '/:tenant/oauth2/v2.0/token',
    handle: (req) => handleTokenRequest(req.sim, { tenant: req.params.tenant!, version: 'v2', form: parseFormBody(req.rawBody), headers: req.headers }),
  },
  {
    method: 'POST',
    path: '/:tenant/oauth2/token',
    handle: (req) => handleTokenRequest(req.sim, { tenant: req.params.tenant!, version: 'v1', form: parseFormBody(req.rawBody), headers: req.headers }),
  },
];
