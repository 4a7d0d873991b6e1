import { ActionError, DEFENDER_ERROR_CODES } from '@soar/contracts';
import { withConnectionDefaults, type ConnectionDefaults, type DefenderConnectionConfig } from '../defender-connection.config';
import { DefenderClient } from '../defender.client';
import type { DefenderLogger } from '../defender.logger';
import type { DefenderCallLimiter } from '../http/defender-http';
import { defenderHostRefusal } from './allowed-hosts';
import { DEFAULT_CONNECTION, type DefenderConnections, type StoredConnectionSource } from './defender-connections.port';

export interface DefenderConnectionResolverOptions {
  /** Fixed connections (environment or connections file); a name given twice is refused at start. */
  configs: DefenderConnectionConfig[];
  /** Hosts allowed besides Microsoft's clouds (`host:port`, see `parseDefenderAllowedHosts`). Default none. */
  allowedHosts?: readonly string[];
  /** Connections stored through the API, read on first use. Default none. */
  repository?: StoredConnectionSource;
  /** The environment's cloud and hosts, for stored connections that name no cloud (connectionDefaultsFromEnv). */
  defaults?: ConnectionDefaults;
  /** Shared limiter; it keys by tenant + app, so connections never share a budget unless Defender does. */
  rateLimiter?: DefenderCallLimiter;
  logger?: DefenderLogger;
  /** Connection used for `default` when none is named so. Default: the one named `default`. */
  defaultConnection?: string;
  /** A stored connection is re-read after this long, so a rotated credential applies. Default 60 s. */
  refreshMs?: number;
  now?: () => number;
}

/**
 * The one connection resolver: one DefenderClient (with its own token cache) per connection name.
 * Fixed connections are built at start (a refused host fails the start); stored ones are loaded on
 * first use and re-read after `refreshMs`. Every client is built here, so no connection, fixed or
 * stored, reaches a host that is not allowed.
 */
export class DefenderConnectionResolver implements DefenderConnections {
  private readonly fixed = new Map<string, DefenderClient>();
  private readonly stored = new Map<string, { client: DefenderClient; version: string; loadedAt: number }>();
  private readonly defaultName: string;

  constructor(private readonly options: DefenderConnectionResolverOptions) {
    for (const config of options.configs) {
      if (this.fixed.has(config.name)) throw new Error(`Defender connection "${config.name}" is configured twice`);
      this.fixed.set(config.name, this.clientFor(config));
    }
    this.defaultName = options.defaultConnection ?? DEFAULT_CONNECTION;
    if (options.defaultConnection && !this.fixed.has(options.defaultConnection)) {
      throw new Error(`Default Defender connection "${options.defaultConnection}" is not configured`);
    }
  }

  names(): string[] {
    return [...this.fixed.keys()];
  }

  /** The client for `name`; a terminal `DEFENDER_UNKNOWN_CONNECTION` ActionError when no such connection exists. */
  async get(name: string = DEFAULT_CONNECTION): Promise<DefenderClient> {
    const fixed = this.fixed.get(name) ?? (name === DEFAULT_CONNECTION ? this.fixed.get(this.defaultName) : undefined);
    if (fixed) return fixed;
    const now = (this.options.now ?? Date.now)();
    const cached = this.stored.get(name);
    if (cached && now - cached.loadedAt < (this.options.refreshMs ?? 60_000)) return cached.client;
    const loaded = await this.options.repository?.load(name);
    if (!loaded) {
      this.stored.delete(name);
      const known = [...this.fixed.keys()].join(', ') || 'none';
      throw new ActionError(
        DEFENDER_ERROR_CODES.unknownConnection,
        `Defender connection "${name}" is not configured (known: ${known}${this.options.repository ? ', plus those stored through the API' : ''})`,
        false,
      );
    }
    const client = cached && cached.version === loaded.version ? cached.client : this.clientFor(loaded.config);
    this.stored.set(name, { client, version: loaded.version, loadedAt: now });
    return client;
  }

  /** Why the connection's hosts are refused (see `defenderHostRefusal`), or undefined. */
  hostRefusal(config: Pick<DefenderConnectionConfig, 'authorityHost' | 'apiBaseUrl'>): string | undefined {
    return defenderHostRefusal(config, this.options.allowedHosts ?? []);
  }

  private clientFor(config: DefenderConnectionConfig): DefenderClient {
    const resolved = this.options.defaults ? withConnectionDefaults(config, this.options.defaults) : config;
    const refused = this.hostRefusal(resolved);
    if (refused) throw new ActionError(DEFENDER_ERROR_CODES.connectionHostNotAllowed, `Defender connection "${config.name}": ${refused}`, false);
    return new DefenderClient(resolved, { rateLimiter: this.options.rateLimiter, logger: this.options.logger });
  }
}
