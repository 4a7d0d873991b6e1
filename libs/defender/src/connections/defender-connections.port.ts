import type { DefenderConnectionConfig } from '../defender-connection.config';
import type { DefenderClient } from '../defender.client';

/** The connection a playbook uses when it names none. */
export const DEFAULT_CONNECTION = 'default';

/**
 * The port the engine's Defender handlers, the alert pollers and the API's connection checks use:
 * a connection name → a usable client (own token cache, hosts checked). One implementation,
 * `DefenderConnectionResolver`; every unknown or refused connection is a terminal ActionError with
 * `DEFENDER_UNKNOWN_CONNECTION` or `DEFENDER_CONNECTION_HOST_NOT_ALLOWED`, nothing else.
 */
export interface DefenderConnections {
  /** The client for `name` (default `default`). */
  get(name?: string): Promise<DefenderClient>;
  /** Names of the connections configured in the environment (stored ones are not listed). */
  names(): string[];
}

/** Connections stored at run time (through the API); `version` changes when the row does. */
export interface StoredConnectionSource {
  load(name: string): Promise<{ config: DefenderConnectionConfig; version: string } | null>;
}
