import { jwtVerify } from 'jose';
import { ApiError } from '../http/api-error';
import { delegatedScopeOf } from './roles';
import type { SimContext } from '../sim-context';
import { findSimUserByOid, type SimUser } from '../identity/sim-users';

/** The calling application, from a verified access token. */
export interface Principal {
  clientId: string;
  tenantId: string;
  roles: string[];
  /** Shown as `requestor` on machine actions. */
  displayName: string;
  /** Set for a delegated (user) token: the user and the delegated permissions in its `scp`. */
  delegated?: { user: SimUser; scopes: string[] };
}

const unauthorized = (message: string) => new ApiError(401, 'Unauthorized', message, { 'www-authenticate': 'Bearer' });

/**
 * Validates `Authorization: Bearer` against the simulator's signing key: signature, issuer of
 * this tenant, accepted audience, not expired. Any failure is 401 (REFERENCE §1.5, §9.1).
 */
export async function authenticate(sim: SimContext, authorization: string | undefined): Promise<Principal> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw unauthorized('Authorization has been denied for this request. The Authorization header is missing or is not a Bearer token.');
  try {
    const { payload } = await jwtVerify(m[1]!, sim.signingKey.publicKey, {
      algorithms: ['RS256'],
      issuer: `https://sts.windows.net/${sim.tenantId}/`,
      audience: sim.config.acceptedAudiences,
      currentDate: new Date(sim.now()),
    });
    const clientId = String(payload.appid ?? payload.azp ?? '');
    const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
    const tenantId = String(payload.tid ?? sim.tenantId);
    if (typeof payload.scp === 'string') {
      // Delegated token: the permissions are the user's `scp`, the requestor is the user (REFERENCE §1.5).
      const user = typeof payload.oid === 'string' ? findSimUserByOid(payload.oid) : undefined;
      if (!user) throw unauthorized('Authorization has been denied for this request. The user of the access token does not exist.');
      return { clientId, tenantId, roles: [], displayName: user.username, delegated: { user, scopes: payload.scp.split(' ').filter(Boolean) } };
    }
    return { clientId, tenantId, roles, displayName: String(payload.app_displayname ?? clientId) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw unauthorized('Authorization has been denied for this request. The access token has expired.');
    throw unauthorized('Authorization has been denied for this request. The access token is invalid.');
  }
}

/** 403 with the message real tenants return (samples/error-forbidden.json). */
export function requireAnyRole(principal: Principal, accepted: readonly string[]): void {
  if (accepted.length === 0) return;
  if (principal.delegated) return requireAnyScope(principal.delegated.scopes, accepted);
  const held = new Set(principal.roles.map((r) => r.toLowerCase()));
  if (accepted.some((r) => held.has(r.toLowerCase()))) return;
  throw new ApiError(403, 'Forbidden', `The application does not have any of the required application permissions (${accepted.join(', ')}) to access the resource.`);
}

/** A delegated token needs the delegated permission matching one of the application permissions. */
function requireAnyScope(scopes: readonly string[], acceptedRoles: readonly string[]): void {
  const held = new Set(scopes.map((s) => s.toLowerCase()));
  const accepted = [...new Set(acceptedRoles.map(delegatedScopeOf))];
  if (accepted.some((s) => held.has(s.toLowerCase()))) return;
  throw new ApiError(403, 'Forbidden', `The application does not have any of the required delegated permissions (${accepted.join(', ')}) to access the resource.`);
}
