import { randomBytes } from 'node:crypto';

/** What an authorization code stands for, until it is redeemed once. */
export interface PendingCode {
  username: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
  expiresAtMs: number;
}

export interface RefreshGrant {
  username: string;
  clientId: string;
  scope: string;
}

/** Entra's codes live about 10 minutes. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Authorization codes (single use) and refresh tokens of signed-in users, in memory. */
export class UserSessionStore {
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  issueCode(pending: Omit<PendingCode, 'expiresAtMs'>, nowMs: number): string {
    const code = `1.${randomBytes(48).toString('base64url')}`;
    this.codes.set(code, { ...pending, expiresAtMs: nowMs + CODE_LIFETIME_MS });
    return code;
  }

  /** The code's grant, removed whatever happens next: a code is redeemed at most once. */
  takeCode(code: string, nowMs: number): PendingCode | null {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    return pending && pending.expiresAtMs > nowMs ? pending : null;
  }

  issueRefreshToken(grant: RefreshGrant): string {
    const token = `1.${randomBytes(64).toString('base64url')}`;
    this.refreshTokens.set(token, grant);
    return token;
  }

  /** Refresh tokens rotate: the old one is spent when a new one is issued. */
  takeRefreshToken(token: string): RefreshGrant | null {
    const grant = this.refreshTokens.get(token);
    this.refreshTokens.delete(token);
    return grant ?? null;
  }
}
