import { X509Certificate, createHash } from 'node:crypto';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type AssertionResult = { ok: true } | { ok: false; code: number; message: string };

/**
 * Verifies a certificate client assertion the way Entra does: signed by the registered
 * certificate's key (msal-node signs RS256 with x5t, or PS256 with x5t#S256), `iss` and `sub`
 * equal the client id, `aud` is this tenant's token endpoint, not expired.
 */
export async function verifyClientAssertion(assertion: string, certificatePem: string | undefined, clientId: string, tenant: string): Promise<AssertionResult> {
  if (!certificatePem) return { ok: false, code: 700027, message: 'Client assertion contains an invalid signature. The key was not found: no certificate is registered for this application.' };
  let alg: string;
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
    alg = header.alg ?? '';
  } catch {
    return { ok: false, code: 50027, message: 'JWT token is invalid or malformed.' };
  }
  if (alg !== 'RS256' && alg !== 'PS256') return { ok: false, code: 5002738, message: `Invalid JWT token. '${alg}' is not a supported signature algorithm.` };

  const cert = new X509Certificate(certificatePem);
  const x5t = header.x5t;
  const x5tS256 = (header as Record<string, unknown>)['x5t#S256'];
  // Entra finds the key by thumbprint: an assertion without one cannot name the certificate.
  if (x5t === undefined && typeof x5tS256 !== 'string') {
    return { ok: false, code: 700027, message: "Client assertion failed signature validation. The key was not found: the assertion has neither an 'x5t' nor an 'x5t#S256' header." };
  }
  if (x5t !== undefined && !sameThumbprint(x5t, cert, 'sha1')) return keyNotFound(x5t);
  if (typeof x5tS256 === 'string' && !sameThumbprint(x5tS256, cert, 'sha256')) return keyNotFound(x5tS256);
  // x5c (sent for subject-name/issuer sign-in) must start with the registered certificate.
  const x5c = header.x5c;
  if (x5c !== undefined && (!Array.isArray(x5c) || !Buffer.from(String(x5c[0]), 'base64').equals(cert.raw))) {
    return { ok: false, code: 700027, message: "Client assertion failed signature validation. The 'x5c' header does not start with the application's certificate." };
  }

  try {
    const key = await importX509(certificatePem, alg);
    // Entra tolerates clock skew; msal-node rounds `nbf` so it can be a second ahead.
    const { payload } = await jwtVerify(assertion, key, { algorithms: [alg], requiredClaims: ['exp', 'aud', 'iss', 'sub'], clockTolerance: 300 });
    if (payload.iss !== clientId || payload.sub !== clientId) {
      return { ok: false, code: 700023, message: "Client assertion audience claim does not match. The 'iss' and 'sub' claims must be the client id." };
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const tokenPath = new RegExp(`/${escape(tenant)}/oauth2/(v2\\.0/)?token$`, 'i');
    if (!audiences.some((a) => typeof a === 'string' && tokenPath.test(a))) {
      return { ok: false, code: 700021, message: `Client assertion application identifier doesn't match 'client_id' parameter or audience is not the token endpoint. Audience: '${audiences.join(',')}'.` };
    }
    return { ok: true };
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    return expired
      ? { ok: false, code: 700024, message: 'Client assertion is not within its valid time range.' }
      : { ok: false, code: 7000274, message: 'Client assertion failed signature validation.' };
  }
}

/** Compared as bytes: Node's base64 decoder accepts both the url-safe and the standard alphabet. */
function sameThumbprint(claimed: string, cert: X509Certificate, algorithm: 'sha1' | 'sha256'): boolean {
  return Buffer.from(claimed, 'base64').equals(createHash(algorithm).update(cert.raw).digest());
}

function keyNotFound(kid: string): AssertionResult {
  return { ok: false, code: 700027, message: `Client assertion failed signature validation. The key was not found. Key identifier: '${kid}'.` };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
