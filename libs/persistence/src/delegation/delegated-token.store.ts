import type { Redis } from 'ioredis';
import type { CredentialCipher } from '../connections/credential-cipher';

/** Whose token a record holds: the run's starter, or the decider of one approval step. */
export type DelegatedIdentityKey = { runId: string; as: 'starter' } | { runId: string; as: 'approver'; approvalStepId: string };

/**
 * What the API leaves for the worker when a run starts or an approval is given: the delegated
 * token with who it acts for, or why the exchange failed (so the step fails with that code).
 */
export type DelegatedRecord =
  | { kind: 'token'; accessToken: string; expiresOn: string; upn: string; oid: string }
  | { kind: 'failed'; code: string; message: string; upn?: string };

/** A failed exchange is kept as long as a run may wait for its step (approvals included). */
const FAILURE_TTL_SECONDS = 7 * 86_400;

/**
 * Delegated Defender tokens between the API (which exchanges them while the person's sign-in is at
 * hand) and the worker (which uses them when the step runs). They live in Redis, never in Postgres
 * run history, events or outputs, and expire with the token itself (Redis TTL = token expiry).
 * With CREDENTIALS_KEY set the token is sealed with AES-256-GCM bound to its key name, so a Redis
 * dump or a copied value alone does not give a usable token; the key is the one already shared by
 * API and worker for connection credentials, so no new key needs managing.
 */
export class DelegatedTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; cipher?: CredentialCipher | null; now?: () => number },
  ) {}

  async put(key: DelegatedIdentityKey, record: DelegatedRecord): Promise<void> {
    const name = this.keyName(key);
    const now = (this.options.now ?? Date.now)();
    const ttl = record.kind === 'token' ? Math.floor((Date.parse(record.expiresOn) - now) / 1000) : FAILURE_TTL_SECONDS;
    if (ttl <= 0) return; // already expired: the worker reports it as expired
    const stored = record.kind === 'token' && this.options.cipher ? { ...record, accessToken: this.options.cipher.encrypt(record.accessToken, name), sealed: true } : record;
    await this.redis.set(name, JSON.stringify(stored), 'EX', ttl);
  }

  /** The record, or null when none was stored or it expired (Redis dropped it with the token). */
  async get(key: DelegatedIdentityKey): Promise<DelegatedRecord | null> {
    const name = this.keyName(key);
    const raw = await this.redis.get(name);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as DelegatedRecord & { sealed?: boolean };
    if (parsed.kind === 'token' && parsed.sealed) {
      if (!this.options.cipher) throw new Error('a delegated token was sealed with CREDENTIALS_KEY, which this process does not have');
      const { sealed: _sealed, ...rest } = parsed;
      return { ...rest, accessToken: this.options.cipher.decrypt(parsed.accessToken, name) };
    }
    return parsed;
  }

  async delete(key: DelegatedIdentityKey): Promise<void> {
    await this.redis.del(this.keyName(key));
  }

  private keyName(key: DelegatedIdentityKey): string {
    const base = `${this.options.prefix}:delegated:${key.runId}`;
    return key.as === 'starter' ? `${base}:starter` : `${base}:approver:${key.approvalStepId}`;
  }
}
