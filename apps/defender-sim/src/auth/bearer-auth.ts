import { jwtVerify } from 'jose';
import { ApiError } from '../http/api-error';
import type { SimContext } from '../sim-context';

/** The calling application, from a verified access token. */
export interface Principal {
  clientId: string;
  tenantId: string;
  roles: string[];
  /** Shown as `requestor` on machine actions. */
  displayName: string;
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
    return { clientId, tenantId: String(payload.tid ?? sim.tenantId), roles, displayName: String(payload.app_displayname ?? clientId) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw unauthorized('Authorization has been denied for this request. The access token has expired.');
    throw unauthorized('Authorization has been denied for this request. The access token is invalid.');
  }
}

/** 403 with the message real tenants return (samples/error-forbidden.json). */
export function requireAnyRole(principal: Principal, accepted: readonly string[]): void {
  if (accepted.length === 0) return;
  const held = new Set(principal.roles.map((r) => r.toLowerCase()));
  if (accepted.some((r) => held.has(r.toLowerCase()))) return;
  throw new ApiError(403, 'Forbidden', `The application does not have any of the required application permissions (${accepted.join(', ')}) to access the resource.`);
}
