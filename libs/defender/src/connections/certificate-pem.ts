import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

/** What msal-node needs to sign a client assertion Entra accepts. */
export interface CertificateCredential {
  /** The private key alone, re-encoded as PKCS#8 PEM. */
  privateKeyPem: string;
  /** SHA-256 of the certificate (hex), sent as the `x5t#S256` header so Entra finds the key. */
  thumbprintSha256: string;
  /** The certificate chain, leaf first (PEM), sent as `x5c` (needed for subject-name/issuer sign-in). */
  x5c: string;
  notAfter: Date;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Reads a PEM file holding an unencrypted RSA private key and its certificate (any order; more
 * certificates of the chain may follow), the format `openssl` and Azure Key Vault's PEM export
 * produce. The thumbprint is derived from the certificate that matches the key, so an admin never
 * copies one by hand. Throws an Error whose message says what is missing; never echoes the PEM.
 */
export function parseCertificatePem(pem: string): CertificateCredential {
  const blocks = [...pem.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
  if (blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY')) {
    throw new Error('the private key is encrypted; store it unencrypted (openssl pkey -in key.pem -out plain-key.pem) and protect the file instead');
  }
  const keys = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'));
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (keys.length === 0) throw new Error('the PEM holds no private key (expected a -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY----- block)');
  if (keys.length > 1) throw new Error(`the PEM holds ${keys.length} private keys; keep only the one of the application's certificate`);
  if (certs.length === 0) {
    throw new Error('the PEM holds a private key but no certificate; append the certificate uploaded to the Entra application (-----BEGIN CERTIFICATE-----), its thumbprint identifies the key');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keys[0]!.text);
  } catch (error) {
    throw new Error(`the private key cannot be read (${(error as Error).message.split('\n')[0]})`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the private key is ${key.asymmetricKeyType ?? 'of an unknown type'}; Entra certificate credentials need an RSA key`);
  let parsed: X509Certificate[];
  try {
    parsed = certs.map((c) => new X509Certificate(c.text));
  } catch (error) {
    throw new Error(`a certificate in the PEM cannot be read (${(error as Error).message.split('\n')[0]})`);
  }
  const leaf = parsed.find((c) => c.checkPrivateKey(key));
  if (!leaf) throw new Error('no certificate in the PEM belongs to its private key');
  const notAfter = new Date(leaf.validTo);
  const chain = [leaf, ...parsed.filter((c) => c !== leaf)];
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256: leaf.fingerprint256.replace(/:/g, ''),
    x5c: chain.map((c) => c.toString()).join('\n'),
    notAfter,
  };
}
