/**
 * A connection whose settings cannot work (a PEM without a certificate, an http:// host, an unknown
 * cloud...). Raised while building the connection's client, before any call, so the API can answer
 * "this connection is misconfigured: <why>" instead of "not configured". Never carries a secret.
 */
export class ConnectionConfigError extends Error {
  readonly code = 'CONNECTION_MISCONFIGURED';
  constructor(
    readonly connection: string,
    readonly detail: string,
  ) {
    super(`Defender connection "${connection}" is misconfigured: ${detail}`);
    this.name = 'ConnectionConfigError';
  }
}
