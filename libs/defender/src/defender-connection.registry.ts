import { ActionError, DEFENDER_ERROR_CODES, type ActionHandler } from '@soar/contracts';
import type { DefenderConnectionConfig } from './defender-connection.config';
import { DefenderClient } from './defender.client';
import type { DefenderLogger } from './defender.logger';
import type { DefenderCallLimiter } from './http/defender-http';
import { createDefenderActionHandlers } from './handlers/create-defender-action-handlers';
import type { DefenderHandlerOptions } from './handlers/handler-options';

export const DEFAULT_CONNECTION = 'default';

export interface DefenderConnectionRegistryOptions {
  /** Shared limiter; it keys by tenant + app, so connections never share a budget unless Defender does. */
  rateLimiter?: DefenderCallLimiter;
  logger?: DefenderLogger;
  /** Connection used for `default` when none is named so. Default: the one named `default`. */
  defaultConnection?: string;
}

/**
 * One DefenderClient per named connection (tenant + app), each with its own token cache. Playbooks
 * name a connection; `default` is used when they do not.
 */
export class DefenderConnectionRegistry {
  private readonly clients = new Map<string, DefenderClient>();
  private readonly defaultName: string;

  constructor(configs: DefenderConnectionConfig[], options: DefenderConnectionRegistryOptions = {}) {
    for (const config of configs) {
      if (this.clients.has(config.name)) throw new Error(`Defender connection "${config.name}" is configured twice`);
      const logger = options.logger;
      this.clients.set(config.name, new DefenderClient(config, { rateLimiter: options.rateLimiter, logger }));
    }
    this.defaultName = options.defaultConnection ?? DEFAULT_CONNECTION;
    if (options.defaultConnection && !this.clients.has(options.defaultConnection)) {
      throw new Error(`Default Defender connection "${options.defaultConnection}" is not configured`);
    }
  }

  /** The client for `name` (default: the default connection); a terminal ActionError when unknown. */
  get(name: string = DEFAULT_CONNECTION): DefenderClient {
    const client = this.clients.get(name) ?? (name === DEFAULT_CONNECTION ? this.clients.get(this.defaultName) : undefined);
    if (!client) {
      throw new ActionError(
        DEFENDER_ERROR_CODES.unknownConnection,
        `Unknown Defender connection "${name}" (configured: ${[...this.clients.keys()].join(', ') || 'none'})`,
        false,
      );
    }
    return client;
  }

  has(name: string): boolean {
    return this.clients.has(name) || (name === DEFAULT_CONNECTION && this.clients.has(this.defaultName));
  }

  names(): string[] {
    return [...this.clients.keys()];
  }

  /** Engine handlers for every `defender.*` action, resolving each step's connection here. */
  createHandlers(options?: DefenderHandlerOptions): Map<string, ActionHandler> {
    return createDefenderActionHandlers((name) => this.get(name), options);
  }
}
