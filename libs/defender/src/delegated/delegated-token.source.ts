import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { DefenderApiError } from '../defender-api.error';
import type { AccessToken, DefenderTokenSource } from '../defender-token.provider';

/**
 * A token source holding one delegated token: it cannot be renewed (On-Behalf-Of needs the
 * person's own sign-in, which only exists while they use the API), so once expired — or on a 401,
 * where the app's source would renew — the call fails with DEFENDER_DELEGATED_TOKEN_EXPIRED.
 */
export class DelegatedTokenSource implements DefenderTokenSource {
  constructor(
    private readonly token: AccessToken,
    private readonly who: string,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (options.forceRefresh || this.token.expiresOn.getTime() <= this.now()) {
      throw new DefenderApiError({
        code: DEFENDER_ERROR_CODES.delegatedTokenExpired,
        retryable: false,
        message: `The delegated Defender token of ${this.who} expired at ${this.token.expiresOn.toISOString()}; it cannot be renewed without their sign-in`,
        operation: 'token',
      });
    }
    return this.token;
  }
}
