import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface SimulatorCertificate {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

const CERT_FILE = 'sim-cert.pem';
const KEY_FILE = 'sim-key.pem';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Returns the simulator's TLS certificate, creating it in `dir` when missing, unreadable or
 * expiring within a day.
 *
 * The certificate is self-signed and is ALSO the trust anchor: other processes start with
 * `NODE_EXTRA_CA_CERTS=<certPath>` so msal-node (which refuses non-https authorities) and fetch
 * accept `https://localhost:<port>`. NODE_EXTRA_CA_CERTS is read once at process start, so the
 * file must exist before those processes start (hence `tools/ensure-sim-cert.ts` as `pretest`)
 * and must not be replaced while they run; that is why a still-valid pair is reused.
 */
export async function ensureSimulatorCertificate(dir: string): Promise<SimulatorCertificate> {
  const certPath = path.join(dir, CERT_FILE);
  const keyPath = path.join(dir, KEY_FILE);
  const existing = await readExisting(certPath, keyPath);
  if (existing) return existing;

  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000); // tolerate small clock skew
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * DAY_MS);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // cA:true lets OpenSSL treat this one certificate as its own root when it is the trust anchor.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });

  await mkdir(dir, { recursive: true });
  // Write to temp names and rename so a concurrent reader never sees half a file or a
  // certificate paired with a different key.
  const suffix = `.${process.pid}.${Date.now()}.tmp`;
  await writeFile(keyPath + suffix, pems.private, { mode: 0o600 });
  await writeFile(certPath + suffix, pems.cert);
  await rename(keyPath + suffix, keyPath);
  await rename(certPath + suffix, certPath);
  return { certPath, keyPath, certPem: pems.cert, keyPem: pems.private };
}

async function readExisting(certPath: string, keyPath: string): Promise<SimulatorCertificate | null> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return isUsable(certPem, keyPem) ? { certPath, keyPath, certPem, keyPem } : null;
  } catch {
    return null;
  }
}

function isUsable(certPem: string, keyPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const now = Date.now();
    return (
      new Date(cert.validFrom).getTime() <= now &&
      new Date(cert.validTo).getTime() > now + DAY_MS &&
      cert.checkHost('localhost') !== undefined &&
      cert.checkIP('127.0.0.1') !== undefined &&
      cert.checkPrivateKey(createPrivateKey(keyPem))
    );
  } catch {
    return false;
  }
}
