import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { verifyClientAssertion } from './client-assertion';

/** The simulator checks certificate assertions as Entra does: signature, thumbprint header, x5c. */
describe('verifyClientAssertion', () => {
  const clientId = 'app-1';
  const tenant = 'tenant-1';
  const aud = `https://login.example/${tenant}/oauth2/v2.0/token`;
  let pems: { private: string; cert: string };
  let other: { private: string; cert: string };
  beforeAll(async () => {
    pems = await generate([{ name: 'commonName', value: 'sim-app' }], { keySize: 2048, algorithm: 'sha256' });
    other = await generate([{ name: 'commonName', value: 'other' }], { keySize: 2048, algorithm: 'sha256' });
  });
  const raw = (pem: string) => new X509Certificate(pem).raw;
  const sign = (header: Record<string, unknown>, key = pems.private, alg = 'PS256') =>
    new SignJWT({ jti: 'x' })
      .setProtectedHeader({ alg, typ: 'JWT', ...header })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(createPrivateKey(key));

  it('accepts a PS256 assertion with the certificate’s x5t#S256 and x5c', async () => {
    const jwt = await sign({ 'x5t#S256': createHash('sha256').update(raw(pems.cert)).digest('base64url'), x5c: [raw(pems.cert).toString('base64')] });
    await expect(verifyClientAssertion(jwt, pems.cert, clientId, tenant)).resolves.toEqual({ ok: true });
  });

  it('refuses an assertion that names no thumbprint', async () => {
    const jwt = await sign({});
    await expect(verifyClientAssertion(jwt, pems.cert, clientId, tenant)).resolves.toMatchObject({ ok: false, code: 700027, message: expect.stringMatching(/neither an 'x5t' nor an 'x5t#S256'/) });
  });

  it('refuses a thumbprint of another certificate, and an x5c that does not start with the registered one', async () => {
    const wrongThumb = await sign({ 'x5t#S256': createHash('sha256').update(raw(other.cert)).digest('base64url') });
    await expect(verifyClientAssertion(wrongThumb, pems.cert, clientId, tenant)).resolves.toMatchObject({ ok: false, code: 700027 });
    const wrongChain = await sign({ 'x5t#S256': createHash('sha256').update(raw(pems.cert)).digest('base64url'), x5c: [raw(other.cert).toString('base64')] });
    await expect(verifyClientAssertion(wrongChain, pems.cert, clientId, tenant)).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/x5c/) });
  });

  it('refuses a signature by another key even with the right thumbprint', async () => {
    const jwt = await sign({ 'x5t#S256': createHash('sha256').update(raw(pems.cert)).digest('base64url') }, other.private);
    await expect(verifyClientAssertion(jwt, pems.cert, clientId, tenant)).resolves.toMatchObject({ ok: false, code: 7000274 });
  });
});
