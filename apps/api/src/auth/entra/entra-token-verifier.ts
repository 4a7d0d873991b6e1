import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { EntraSettings } from './entra.config';
import { entraMetadataLoader, type EntraKeys } from './entra-metadata';
import { rolesOf } from './entra-roles';

/** A signed-in user, as the verified access token describes them. */
export interface EntraUser {
  /** `preferred_username` (the UPN), else the object id. */
  actor: string;
  oid: string;
  roles: string[];
  groups: string[];
}

/** Why a token was refused; the message is for the caller and never contains the token. */
export class EntraTokenError extends Error {
  override name = 'EntraTokenError';
}

/**
 * Verifies Entra ID access tokens for this API: RS256 only (no `none`, no HMAC with a public key),
 * signed by a key of the authority's key set, issued by the tenant's v2 issuer for this API's
 * client id, unexpired, version 2.0, for a user (delegated scope `scp`), of the configured tenant.
 */
export class EntraTokenVerifier {
  private readonly metadata: () => Promise<EntraKeys>;

  constructor(private readonly settings: EntraSettings) {
    this.metadata = entraMetadataLoader(settings.authority, settings.tenantId);
  }

  async verify(token: string): Promise<EntraUser> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new EntraTokenError('the bearer token is neither an API key nor a well-formed Entra access token');
    }
    if (alg !== 'RS256') throw new EntraTokenError(`the Entra access token is signed with ${alg ?? 'no algorithm'}; only RS256 is accepted`);
    const { issuer, keys } = await this.metadata();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer,
        audience: this.settings.apiClientId,
        // Entra's clocks and ours may differ slightly (ENTRA_CLOCK_SKEW_SECONDS, a minute by default).
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['exp', 'iat', 'oid', 'tid'],
      }));
    } catch (error) {
      throw new EntraTokenError(reason(error, issuer, this.settings.apiClientId));
    }
    if (payload.ver !== '2.0') throw new EntraTokenError('the Entra access token is not a v2.0 token (set accessTokenAcceptedVersion to 2 in the API app registration)');
    if (payload.tid !== this.settings.tenantId) throw new EntraTokenError('the Entra access token is from another tenant');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(this.settings.apiScope.split('/').pop()!)) throw new EntraTokenError(`the Entra access token lacks the delegated scope ${this.settings.apiScope}`);
    const groups = stringArray(payload.groups);
    const oid = String(payload.oid);
    const username = typeof payload.preferred_username === 'string' && payload.preferred_username ? payload.preferred_username : oid;
    return { actor: username, oid, roles: rolesOf(stringArray(payload.roles), groups, this.settings.groupRoles), groups };
  }
}

function reason(error: unknown, issuer: string, audience: string): string {
  if (error instanceof errors.JWTExpired) return 'the Entra access token has expired; sign in again';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return `the Entra access token is not for this API (audience must be ${audience})`;
    if (error.claim === 'iss') return `the Entra access token was not issued by ${issuer}`;
    if (error.claim === 'nbf') return 'the Entra access token is not valid yet';
    return `the Entra access token's ${error.claim} claim is missing or invalid`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return "the Entra access token is signed with a key that is not among the authority's signing keys";
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the Entra access token signature is invalid';
  if (error instanceof errors.JOSEError) return 'the Entra access token is invalid';
  throw error;
}

const stringArray = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
