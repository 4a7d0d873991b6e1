import { Controller, Get, Inject } from '@nestjs/common';
import type { ConnectionState, ConnectionStatesResponse } from '@soar/contracts';
import { DefenderTokenProvider } from '@soar/defender';
import type { DefenderConnectionResolver as ConnectionResolver } from '@soar/defender';
import type { ConnectionRepository } from '@soar/persistence';
import { TOKENS } from '../tokens';

/** A connection is asked for a token at most this often; in between the last answer is shown. */
const RECHECK_MS = 30_000;
const TOKEN_TIMEOUT_MS = 10_000;

/**
 * State of every Defender connection for operators: can a token be obtained now, when did that last
 * work, and the last error (already free of credentials). Separate from readiness on purpose: one
 * tenant's revoked secret must not take the API or the workers out of service for the others.
 */
@Controller('api/admin/connections')
export class ConnectionStateController {
  private readonly recent = new Map<string, ConnectionState>();

  constructor(
    @Inject(TOKENS.connections) private readonly resolver: ConnectionResolver,
    @Inject(TOKENS.connectionRepository) private readonly repository: ConnectionRepository,
  ) {}

  @Get()
  async list(): Promise<ConnectionStatesResponse> {
    const stored = await this.repository.list();
    const names = [
      ...this.resolver.names().map((name) => ({ name, source: 'environment' as const })),
      ...stored.map((c) => ({ name: c.name, source: 'database' as const })),
    ];
    return { items: await Promise.all(names.map(({ name, source }) => this.state(name, source))) };
  }

  private async state(name: string, source: ConnectionState['source']): Promise<ConnectionState> {
    const last = this.recent.get(name);
    if (last && Date.now() - Date.parse(last.checkedAt) < RECHECK_MS) return last;
    const state: ConnectionState = { name, source, tokenObtainable: false, checkedAt: new Date().toISOString() };
    try {
      const client = await this.resolver.get(name);
      try {
        const token = await withTimeout(client.tokens.getToken(), TOKEN_TIMEOUT_MS);
        state.tokenObtainable = true;
        state.tokenExpiresOn = token.expiresOn.toISOString();
      } catch {
        // The provider recorded the error (redacted); it is reported below.
      }
      if (client.tokens instanceof DefenderTokenProvider) Object.assign(state, client.tokens.tokenState());
    } catch (error) {
      state.lastError = { code: (error as { code?: string }).code ?? 'CONNECTION_UNAVAILABLE', message: (error as Error).message, at: state.checkedAt };
    }
    this.recent.set(name, state);
    return state;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no token within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
