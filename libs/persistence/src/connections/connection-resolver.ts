import { ActionError, DEFENDER_ERROR_CODES } from '@soar/contracts';
import { defenderHostRefusal, DefenderClient, withConnectionDefaults, type ConnectionDefaults, type DefenderCallLimiter, type DefenderConnectionConfig, type DefenderLogger } from '@soar/defender';
import type { ConnectionRepository } from './connection.repository';

const DEFAULT_CONNECTION = 'default';

/**
 * One Defender client (with its own token cache) per connection name. Connections from the
 * environment or a connections file are fixed; connections stored through the API are loaded on
 * first use and re-read after `refreshMs`, so a rotated credential applies within that time.
 */
export class ConnectionResolver {
  private readonly fixed = new Map<string, DefenderClient>();
  private readonly stored = new Map<string, { client: DefenderClient; version: string; loadedAt: number }>();

  constructor(
    private readonly deps: {
      configs: DefenderConnectionConfig[];
      /** Hosts allowed besides Microsoft's clouds (`host:port`, see `parseDefenderAllowedHosts`). */
      allowedHosts?: readonly string[];
      repository?: ConnectionRepository;
      /** The environment's cloud and hosts, for stored connections that name no cloud (connectionDefaultsFromEnv). */
      defaults?: ConnectionDefaults;
      rateLimiter?: DefenderCallLimiter;
      logger?: DefenderLogger;
      refreshMs?: number;
      now?: () => number;
    },
  ) {
    for (const config of deps.configs) this.fixed.set(config.name, this.clientFor(config));
  }

  names(): string[] {
    return [...this.fixed.keys()];
  }

  /** The client for `name`; a terminal ActionError when no such connection exists. */
  async get(name: string = DEFAULT_CONNECTION): Promise<DefenderClient> {
    const fixed = this.fixed.get(name);
    if (fixed) return fixed;
    const now = (this.deps.now ?? Date.now)();
    const cached = this.stored.get(name);
    if (cached && now - cached.loadedAt < (this.deps.refreshMs ?? 60_000)) return cached.client;
    const loaded = await this.deps.repository?.load(name);
    if (!loaded) {
      this.stored.delete(name);
      throw new ActionError(DEFENDER_ERROR_CODES.unknownConnection, `Defender connection "${name}" is not configured (known: ${[...this.fixed.keys()].join(', ') || 'none'}, plus those stored through the API)`, false);
    }
    const client = cached && cached.version === loaded.version ? cached.client : this.clientFor(loaded.config);
    this.stored.set(name, { client, version: loaded.version, loadedAt: now });
    return client;
  }

  /** Synchronous lookup of a client `get` already resolved (for handlers that take a getter). */
  cached(name: string = DEFAULT_CONNECTION): DefenderClient {
    const client = this.fixed.get(name) ?? this.stored.get(name)?.client;
    if (!client) throw new ActionError(DEFENDER_ERROR_CODES.unknownConnection, `Defender connection "${name}" is not configured`, false);
    return client;
  }

  /** Why the connection's hosts are refused (see `defenderHostRefusal`), or undefined. */
  hostRefusal(config: Pick<DefenderConnectionConfig, 'authorityHost' | 'apiBaseUrl'>): string | undefined {
    return defenderHostRefusal(config, this.deps.allowedHosts ?? []);
  }

  /** Every client is built here, so no connection, fixed or stored, reaches a host that is not allowed. */
  private clientFor(config: DefenderConnectionConfig): DefenderClient {
    const resolved = this.deps.defaults ? withConnectionDefaults(config, this.deps.defaults) : config;
    const refused = this.hostRefusal(resolved);
    if (refused) throw new ActionError(DEFENDER_ERROR_CODES.connectionHostNotAllowed, `Defender connection "${config.name}": ${refused}`, false);
    return new DefenderClient(resolved, { rateLimiter: this.deps.rateLimiter, logger: this.deps.logger });
  }
}
