import { jwtVerify } from 'jose';
import { findSimUserByOid, type SimUser } from '../identity/sim-users';
import type { SimClient } from '../options';
import type { SimContext } from '../sim-context';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export type OboVerdict = { ok: true; user: SimUser } | { ok: false; status: number; error: string; code: number; message: string };

/**
 * Checks the `assertion` of an On-Behalf-Of request the way Entra does: a user's access token
 * signed by this tenant's key, issued to the calling app (its `aud` is the app's client id or
 * `api://<client id>`), not expired, for a user of the tenant who consented to the app's delegated
 * permissions (`consentMissingFor` simulates a tenant where nobody did: AADSTS65001).
 */
export async function verifyOboAssertion(sim: SimContext, client: SimClient, assertion: string | undefined, requestedTokenUse: string | undefined): Promise<OboVerdict> {
  const grant = (code: number, message: string): OboVerdict => ({ ok: false, status: 400, error: 'invalid_grant', code, message });
  if (requestedTokenUse !== 'on_behalf_of') {
    return { ok: false, status: 400, error: 'invalid_request', code: 900144, message: "The request body must contain the following parameter: 'requested_token_use' (on_behalf_of)." };
  }
  if (!assertion) return { ok: false, status: 400, error: 'invalid_request', code: 900144, message: "The request body must contain the following parameter: 'assertion'." };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, sim.signingKey.publicKey, { algorithms: ['RS256'], currentDate: new Date(sim.now()) }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') {
      return grant(500133, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.');
    }
    return grant(50013, 'Assertion failed signature validation.');
  }
  if (String(payload.tid ?? '').toLowerCase() !== sim.tenantId.toLowerCase()) return grant(50013, 'Assertion contains an invalid tenant.');
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).map(String).map((a) => a.toLowerCase());
  const id = client.clientId.toLowerCase();
  if (!audiences.includes(id) && !audiences.includes(`api://${id}`)) {
    return grant(50013, `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${audiences.join(',')}' and the expected audience is '${client.clientId}' or one of the Application Id URIs of this application.`);
  }
  const user = typeof payload.oid === 'string' ? findSimUserByOid(payload.oid) : undefined;
  if (!user) return grant(50034, 'The user account does not exist in this directory.');
  const missing = sim.config.consentMissingFor.map((u) => u.toLowerCase());
  if (missing.includes('*') || missing.includes(user.username.toLowerCase())) {
    return {
      ok: false,
      status: 400,
      error: 'invalid_grant',
      code: 65001,
      message: `The user or administrator has not consented to use the application with ID '${client.clientId}' named '${client.displayName ?? client.clientId}'. Send an interactive authorization request for this user and resource.`,
    };
  }
  return { ok: true, user };
}
