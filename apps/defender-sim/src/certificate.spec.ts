import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureSimulatorCertificate } from './certificate';

describe('ensureSimulatorCertificate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sim-cert-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a one-year localhost certificate with DNS and IP SANs, then reuses it', async () => {
    const first = await ensureSimulatorCertificate(dir);
    expect(first.certPath).toBe(path.join(dir, 'sim-cert.pem'));
    expect(first.keyPath).toBe(path.join(dir, 'sim-key.pem'));
    const cert = new X509Certificate(first.certPem);
    expect(cert.subject).toContain('CN=localhost');
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(367);

    const second = await ensureSimulatorCertificate(dir);
    expect(second.certPem).toBe(first.certPem);
    expect(second.keyPem).toBe(first.keyPem);
  });

  it('replaces an unreadable pair', async () => {
    const first = await ensureSimulatorCertificate(dir);
    await writeFile(first.certPath, 'garbage');
    const second = await ensureSimulatorCertificate(dir);
    expect(second.certPem).not.toBe('garbage');
    expect(new X509Certificate(second.certPem).checkPrivateKey).toBeDefined();
  });

  it('replaces a certificate whose key does not match', async () => {
    const first = await ensureSimulatorCertificate(dir);
    const otherDir = await mkdtemp(path.join(tmpdir(), 'sim-cert-other-'));
    try {
      const other = await ensureSimulatorCertificate(otherDir);
      await writeFile(first.keyPath, other.keyPem);
      const third = await ensureSimulatorCertificate(dir);
      expect(third.certPem).not.toBe(first.certPem);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
