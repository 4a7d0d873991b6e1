import { Inject, Injectable } from '@nestjs/common';
import { ActionError, DEFENDER_ERROR_CODES, ERROR_CODES } from '@soar/contracts';
import type { DefenderConnectionResolver as ConnectionResolver } from '@soar/defender';
import { CredentialCipher, DelegatedTokenStore, type DelegatedIdentityKey, type DelegatedRecord } from '@soar/persistence';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '../api.config';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';

/**
 * The API's half of `run_as`: while the person's own sign-in (their token for this API) is at hand
 * — when they start the run or give the approval — exchange it On-Behalf-Of them for a delegated
 * Defender token, and leave it (or why the exchange failed) for the worker in the delegated token
 * store. A failed exchange does not refuse the request: the step fails with the exchange's code,
 * where the run shows it. Tokens never reach a response, a log or the run history.
 */
@Injectable()
export class DelegationService {
  private readonly store: DelegatedTokenStore;

  constructor(
    @Inject(TOKENS.redis) redis: Redis,
    @Inject(TOKENS.connections) private readonly connections: ConnectionResolver,
    @Inject(TOKENS.config) private readonly config: ApiConfig,
  ) {
    this.store = new DelegatedTokenStore(redis, { prefix: config.QUEUE_PREFIX, cipher: config.CREDENTIALS_KEY ? new CredentialCipher(config.CREDENTIALS_KEY) : null });
  }

  /**
   * Refuses (403 RUN_AS_NEEDS_SIGNED_IN_USER) a caller without an Entra sign-in: an API key or local
   * mode has no person to act as, and acting as the app instead would be a silent fall-back.
   */
  requireAssertion(assertion: string | undefined, principal: Principal, why: string): string {
    if (assertion) return assertion;
    const as = principal.source === 'local' ? 'in local mode (no sign-in)' : principal.source === 'entra' ? 'without a user token' : `with ${principal.source === 'intake' ? 'an intake credential' : 'an API key'} (${principal.actor})`;
    throw new AppError(ERROR_CODES.runAsNeedsSignedInUser, `${why}, but this request was made ${as}; sign in with Entra ID to do it, or set the steps' run_as to app`);
  }

  /** Exchanges the assertion for the playbook's connection and stores the outcome for the worker. */
  async exchangeAndStore(key: DelegatedIdentityKey, connection: string, assertion: string): Promise<void> {
    await this.store.put(key, await this.exchange(connection, assertion));
  }

  /** Drops a stored token again (a decision that was then refused). */
  async forget(key: DelegatedIdentityKey): Promise<void> {
    await this.store.delete(key);
  }

  private async exchange(connection: string, assertion: string): Promise<DelegatedRecord> {
    try {
      const { ENTRA_API_CLIENT_ID: clientId, ENTRA_API_CLIENT_SECRET: clientSecret } = this.config;
      if (!clientId || !clientSecret) {
        return { kind: 'failed', code: DEFENDER_ERROR_CODES.delegationFailed, message: 'the API cannot act On-Behalf-Of people: ENTRA_API_CLIENT_ID and ENTRA_API_CLIENT_SECRET (its app registration and secret) are not both set' };
      }
      const client = await this.connections.get(connection);
      // The person's token was issued to this API's app registration: only that app may exchange it.
      const token = await client.onBehalfOf({ clientId, clientSecret }).exchange(assertion);
      return { kind: 'token', accessToken: token.accessToken, expiresOn: token.expiresOn.toISOString(), upn: token.upn, oid: token.oid };
    } catch (error) {
      if (error instanceof ActionError) return { kind: 'failed', code: error.code, message: error.message };
      return { kind: 'failed', code: DEFENDER_ERROR_CODES.delegationFailed, message: `the On-Behalf-Of exchange failed: ${(error as Error)?.message ?? String(error)}` };
    }
  }
}
