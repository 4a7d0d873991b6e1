import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { generate } from 'selfsigned';
import { parseCertificatePem } from './certificate-pem';

describe('parseCertificatePem (DEFENDER_CERTIFICATE_FILE / certificatePrivateKeyPem)', () => {
  let pems: { private: string; cert: string };
  let other: { private: string; cert: string };
  beforeAll(async () => {
    pems = await generate([{ name: 'commonName', value: 'soar-app' }], { keySize: 2048, algorithm: 'sha256' });
    other = await generate([{ name: 'commonName', value: 'other-app' }], { keySize: 2048, algorithm: 'sha256' });
  });

  it('derives the SHA-256 thumbprint and x5c from the certificate, key first or certificate first', () => {
    const expected = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '');
    for (const pem of [`${pems.private}\n${pems.cert}`, `${pems.cert}\n${pems.private}`]) {
      const parsed = parseCertificatePem(pem);
      expect(parsed.thumbprintSha256).toBe(expected);
      expect(parsed.x5c).toContain('-----BEGIN CERTIFICATE-----');
      expect(parsed.privateKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
      expect(parsed.privateKeyPem).not.toContain('CERTIFICATE');
    }
  });

  it('picks the certificate that matches the key out of a chain and puts it first in x5c', () => {
    const parsed = parseCertificatePem(`${other.cert}\n${pems.private}\n${pems.cert}`);
    expect(parsed.thumbprintSha256).toBe(new X509Certificate(pems.cert).fingerprint256.replace(/:/g, ''));
    expect(new X509Certificate(parsed.x5c.split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----').fingerprint256).toBe(
      new X509Certificate(pems.cert).fingerprint256,
    );
  });

  it('accepts a PKCS#1 (BEGIN RSA PRIVATE KEY) key', () => {
    const pkcs1 = createPrivateKey(pems.private).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(parseCertificatePem(`${pkcs1}${pems.cert}`).thumbprintSha256).toMatch(/^[0-9A-F]{64}$/);
  });

  it.each([
    ['a key without its certificate', () => pems.private, /no certificate; append the certificate/],
    ['a certificate without a key', () => pems.cert, /no private key/],
    ['a certificate of another key', () => `${pems.private}${other.cert}`, /no certificate in the PEM belongs to its private key/],
    ['two keys', () => `${pems.private}${other.private}${pems.cert}`, /2 private keys/],
    ['an encrypted key', () => `-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n${pems.cert}`, /encrypted/],
    ['garbage', () => 'not a pem', /no private key/],
    [
      'an EC key',
      () => `${generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}${pems.cert}`,
      /need an RSA key/,
    ],
  ])('says what is wrong with %s, without echoing the PEM', (_, pem, message) => {
    const error = (() => {
      try {
        parseCertificatePem(pem());
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/MII/);
  });
});
