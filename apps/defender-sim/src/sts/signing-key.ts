import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';

/** The STS token-signing key. Generated at start, so tokens never outlive a simulator. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(20).toString('base64url');
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, use: 'sig', alg: 'RS256', kty: 'RSA' } };
}
