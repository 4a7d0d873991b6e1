import type { DefenderConnectionConfig } from '../defender-connection.config';
import { DefenderTokenProvider } from '../defender-token.provider';

/**
 * Builds the sign-in client a worker would build for `config` (URLs, cloud, certificate PEM,
 * msal-node's own checks) without calling anyone; throws ConnectionConfigError saying what is wrong.
 * Lets the API refuse a connection that could never sign in at the moment it is saved.
 */
export function assertConnectionUsable(config: DefenderConnectionConfig): void {
  new DefenderTokenProvider(config);
}
