import { AuthError, ConfidentialClientApplication, ServerError, type Configuration } from '@azure/msal-node';
import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { tokenAcquisitions } from '@soar/observability';
import { DefenderApiError } from './defender-api.error';
import { resolveConnectionConfig, type DefenderConnectionConfig, type ResolvedConnection } from './defender-connection.config';
import { silentLogger, type DefenderLogger } from './defender.logger';
import { redactor } from './redact';
import { ConnectionConfigError } from './connections/connection-config.error';
import { parseCertificatePem } from './connections/certificate-pem';

export interface AccessToken {
  accessToken: string;
  expiresOn: Date;
}

/** What DefenderClient needs from a token source (DefenderTokenProvider, or a test double). */
export interface DefenderTokenSource {
  /** A valid bearer token; `forceRefresh` skips every cache (after a 401). */
  getToken(options?: { forceRefresh?: boolean }): Promise<AccessToken>;
}

/** What the last token request of a connection came to (for the admin connection-state view). */
export interface TokenState {
  lastSuccessAt?: string;
  lastError?: { code: string; message: string; at: string };
}

export interface DefenderTokenProviderOptions {
  logger?: DefenderLogger;
  /** Renew this long before expiry. Default 5 minutes (msal-node's own offset). */
  renewBeforeExpiryMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Network-ish MSAL failures worth retrying (msal-common ClientAuthErrorCodes). */
const RETRYABLE_MSAL_CODES = new Set(['network_error', 'no_network_connectivity', 'endpoints_resolution_error']);

/**
 * App-only tokens for one connection through msal-node's client-credentials flow. Each provider owns
 * one ConfidentialClientApplication and so one token cache; concurrent callers share one request,
 * and the token is renewed `renewBeforeExpiryMs` before it expires. Errors name the connection,
 * tenant and client id but never the secret, private key or token.
 */
export class DefenderTokenProvider implements DefenderTokenSource {
  private readonly app: ConfidentialClientApplication;
  private readonly conn: ResolvedConnection;
  private readonly logger: DefenderLogger;
  private readonly renewBeforeExpiryMs: number;
  private readonly now: () => number;
  private readonly redact: (text: string) => string;
  private cached?: AccessToken;
  private inFlight?: Promise<AccessToken>;
  private readonly state: TokenState = {};

  constructor(config: DefenderConnectionConfig, options: DefenderTokenProviderOptions = {}) {
    this.conn = resolveConnectionConfig(config);
    this.logger = options.logger ?? silentLogger;
    this.renewBeforeExpiryMs = options.renewBeforeExpiryMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    const credential = config.credential;
    this.redact = redactor(() =>
      credential.kind === 'secret' ? [credential.clientSecret] : [credential.privateKeyPem],
    );
    const auth: Configuration['auth'] = {
      clientId: config.clientId,
      authority: this.conn.authority,
      knownAuthorities: this.conn.knownAuthorities,
    };
    if (credential.kind === 'secret') auth.clientSecret = credential.clientSecret;
    else auth.clientCertificate = certificateFor(config.name, credential);
    try {
      // msal's own logger stays off: its messages may include request details we do not vet.
      this.app = new ConfidentialClientApplication({ auth, system: { loggerOptions: { piiLoggingEnabled: false } } });
    } catch (error) {
      throw new ConnectionConfigError(config.name, this.redact(`msal-node refused the settings: ${firstLine((error as Error).message)}`));
    }
  }

  async getToken(options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (options.forceRefresh) this.cached = undefined;
    if (this.cached && this.cached.expiresOn.getTime() - this.now() > this.renewBeforeExpiryMs) return this.cached;
    if (!this.inFlight) {
      const forceRefresh = options.forceRefresh ?? false;
      this.inFlight = this.acquire(forceRefresh).then(
        (token) => {
          tokenAcquisitions.inc({ connection: this.conn.name, result: 'success' });
          this.state.lastSuccessAt = new Date(this.now()).toISOString();
          return token;
        },
        (error: DefenderApiError) => {
          tokenAcquisitions.inc({ connection: this.conn.name, result: 'failure' });
          // Messages are already redacted of the credential (see error()).
          this.state.lastError = { code: error.code, message: error.message, at: new Date(this.now()).toISOString() };
          throw error;
        },
      ).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** The outcome of the last token requests (never the token). */
  tokenState(): TokenState {
    return { ...this.state };
  }

  private async acquire(forceRefresh: boolean): Promise<AccessToken> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(this.error(DEFENDER_ERROR_CODES.timeout, `timed out after ${this.conn.requestTimeoutMs} ms (sign-in at ${this.conn.authority})`, true)),
          this.conn.requestTimeoutMs,
        );
      });
      const result = await Promise.race([
        this.app.acquireTokenByClientCredential({ scopes: [this.conn.scope], skipCache: forceRefresh }),
        timeout,
      ]);
      if (!result?.accessToken) throw this.error(DEFENDER_ERROR_CODES.authFailed, 'the STS returned no access token', false);
      // msal-node always sets expiresOn for client credentials; fall back to Defender's usual hour.
      const expiresOn = result.expiresOn ?? new Date(this.now() + 3_600_000);
      this.cached = { accessToken: result.accessToken, expiresOn };
      this.logger.debug({ connection: this.conn.name, expiresOn: expiresOn.toISOString() }, 'defender token acquired');
      return this.cached;
    } catch (error) {
      if (error instanceof DefenderApiError) throw error;
      if (error instanceof AuthError && error.errorCode === 'endpoints_resolution_error') throw await this.diagnoseAuthority(error);
      throw this.mapError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * msal-node reports an unknown tenant and an unreachable STS alike (`endpoints_resolution_error`).
   * Fetching the metadata document msal-node just failed to read tells them apart: an STS error
   * body (e.g. AADSTS90002 invalid_tenant) is terminal, no answer or a 5xx is worth retrying.
   */
  private async diagnoseAuthority(original: AuthError): Promise<DefenderApiError> {
    const url = `${this.conn.authority}/v2.0/.well-known/openid-configuration`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.conn.requestTimeoutMs) });
      if (res.ok || res.status >= 500 || res.status === 429) return this.mapError(original);
      const body = (await res.json().catch(() => ({}))) as { error?: unknown; error_description?: unknown };
      const detail = typeof body.error === 'string' ? `${body.error}: ${firstLine(String(body.error_description ?? ''))}` : `HTTP ${res.status} from ${url}`;
      return this.error(DEFENDER_ERROR_CODES.authFailed, detail, false, { status: res.status, cause: original });
    } catch {
      return this.mapError(original);
    }
  }

  private mapError(error: unknown): DefenderApiError {
    if (error instanceof ServerError) {
      const status = error.status;
      const retryable = status !== undefined && (status === 429 || status >= 500);
      const retryAfterMs = retryable ? 60_000 : undefined;
      return this.error(
        DEFENDER_ERROR_CODES.authFailed,
        `${error.errorCode}: ${firstLine(error.errorMessage)}`,
        retryable,
        { status, cause: error, retryAfterMs },
      );
    }
    if (error instanceof AuthError) {
      const retryable = RETRYABLE_MSAL_CODES.has(error.errorCode);
      return this.error(
        retryable ? DEFENDER_ERROR_CODES.networkError : DEFENDER_ERROR_CODES.authFailed,
        `${error.errorCode}: ${firstLine(error.errorMessage)}${retryable ? ` (sign-in URL tried: ${this.conn.authority}/oauth2/v2.0/token)` : ''}`,
        retryable,
        { cause: error },
      );
    }
    return this.error(DEFENDER_ERROR_CODES.authFailed, `${firstLine(String((error as Error)?.message ?? error))} (sign-in URL tried: ${this.conn.authority})`, true, {
      cause: error,
    });
  }

  private error(
    code: string,
    detail: string,
    retryable: boolean,
    extra: { status?: number; cause?: unknown; retryAfterMs?: number } = {},
  ): DefenderApiError {
    const { name, tenantId, clientId } = this.conn;
    return new DefenderApiError({
      code,
      retryable,
      message: this.redact(
        `Could not get a Defender token for connection "${name}" (tenant ${tenantId}, client ${clientId}): ${detail}`,
      ),
      operation: 'token',
      ...extra,
    });
  }
}

/**
 * msal-node needs the key, a thumbprint and (for subject-name/issuer sign-in) the chain: derived from
 * the PEM's certificate, SHA-256 (`x5t#S256`), which msal-node 2+ supports and Entra accepts. A
 * key-only PEM works only with a thumbprint given explicitly.
 */
export function certificateFor(
  name: string,
  credential: Extract<DefenderConnectionConfig['credential'], { kind: 'certificate' }>,
): NonNullable<Configuration['auth']['clientCertificate']> {
  const explicit = credential.thumbprintSha256 ?? credential.thumbprint;
  if (explicit && !credential.privateKeyPem.includes('CERTIFICATE-----')) {
    return {
      privateKey: credential.privateKeyPem,
      ...(credential.thumbprintSha256 ? { thumbprintSha256: credential.thumbprintSha256 } : { thumbprint: credential.thumbprint! }),
      ...(credential.x5c ? { x5c: credential.x5c } : {}),
    };
  }
  try {
    const parsed = parseCertificatePem(credential.privateKeyPem);
    return { privateKey: parsed.privateKeyPem, thumbprintSha256: parsed.thumbprintSha256, x5c: parsed.x5c };
  } catch (error) {
    throw new ConnectionConfigError(name, `certificate: ${(error as Error).message}`);
  }
}

function firstLine(text: string | undefined): string {
  // AADSTS descriptions carry trace/correlation ids and timestamps on later lines.
  return (text ?? '').split(/\r?\n/)[0]!.trim();
}
