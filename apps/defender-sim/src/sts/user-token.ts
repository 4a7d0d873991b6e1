import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SimUser } from '../identity/sim-users';
import type { SigningKey } from './signing-key';

/**
 * A v2 access token of `user` for an API app (`audience`: its client id or app id URI), as Entra
 * issues after sign-in: `roles` = the user's app roles, `groups`, `oid`, `preferred_username`.
 * The control API mints these for tests that need a user's token without a sign-in.
 */
export async function issueUserToken(opts: { key: SigningKey; tenantId: string; user: SimUser; audience: string; lifetimeSeconds: number; nowMs: number }): Promise<string> {
  const iat = Math.floor(opts.nowMs / 1000);
  return new SignJWT({
    name: opts.user.displayName,
    oid: opts.user.oid,
    preferred_username: opts.user.username,
    roles: opts.user.appRoles,
    groups: opts.user.groups,
    scp: 'access_as_user',
    tid: opts.tenantId,
    ver: '2.0',
  })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: opts.key.kid })
    .setAudience(opts.audience)
    .setIssuer(`https://login.microsoftonline.com/${opts.tenantId}/v2.0`)
    .setSubject(opts.user.oid)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + opts.lifetimeSeconds)
    .setJti(randomUUID())
    .sign(opts.key.privateKey);
}
