import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts connection credentials at rest with AES-256-GCM (Node's crypto; authenticated, so a
 * tampered row fails to decrypt). The connection name is bound as associated data, so a ciphertext
 * copied onto another connection's row does not decrypt either. Format: base64(iv | tag | ciphertext).
 */
export class CredentialCipher {
  private readonly key: Buffer;

  /** @param keyBase64 32 random bytes, base64 (e.g. `openssl rand -base64 32`). */
  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes, base64-encoded');
  }

  encrypt(plaintext: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  decrypt(encoded: string, boundTo: string): string {
    const raw = Buffer.from(encoded, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
