import { AuthError, ConfidentialClientApplication, ServerError, type Configuration } from '@azure/msal-node';
import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { decodeJwt } from 'jose';
import { DefenderApiError } from '../defender-api.error';
import { resolveConnectionConfig, type DefenderConnectionConfig, type ResolvedConnection } from '../defender-connection.config';
import { certificateFor } from '../defender-token.provider';
import { redactor } from '../redact';

/** A Defender token On-Behalf-Of a person, with who it acts for (never logged or stored in run history). */
export interface DelegatedToken {
  accessToken: string;
  expiresOn: Date;
  /** The person's UPN and Entra object id, from the delegated token's claims. */
  upn: string;
  oid: string;
}

/**
 * Exchanges a signed-in person's token for this API (the user assertion) for a delegated Defender
 * token with msal-node's On-Behalf-Of flow, as the connection's application (the confidential
 * client users sign in to) and the connection's Defender scope (`<resource>/.default`). Failures
 * are terminal DefenderApiErrors with the delegation codes: AADSTS65001 → consent required,
 * anything else → delegation failed. No fall-back to the app's own identity exists here.
 */
export class OnBehalfOfExchange {
  private readonly app: ConfidentialClientApplication;
  private readonly conn: ResolvedConnection;
  private readonly redact: (text: string) => string;

  constructor(config: DefenderConnectionConfig) {
    this.conn = resolveConnectionConfig(config);
    const credential = config.credential;
    const auth: Configuration['auth'] = { clientId: config.clientId, authority: this.conn.authority, knownAuthorities: this.conn.knownAuthorities };
    if (credential.kind === 'secret') auth.clientSecret = credential.clientSecret;
    else auth.clientCertificate = certificateFor(config.name, credential);
    this.app = new ConfidentialClientApplication({ auth, system: { loggerOptions: { piiLoggingEnabled: false } } });
    this.redact = redactor(() => [credential.kind === 'secret' ? credential.clientSecret : credential.privateKeyPem]);
  }

  async exchange(userAssertion: string): Promise<DelegatedToken> {
    const redactAll = (text: string) => this.redact(text).split(userAssertion).join('[redacted]');
    try {
      // skipCache: each run gets its own exchange; msal's in-memory cache would outlive nothing useful.
      const result = await this.app.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [this.conn.scope], skipCache: true });
      if (!result?.accessToken) throw this.error(DEFENDER_ERROR_CODES.delegationFailed, 'the STS returned no access token');
      const claims = decodeJwt(result.accessToken);
      return {
        accessToken: result.accessToken,
        expiresOn: result.expiresOn ?? new Date(Date.now() + 3_600_000),
        upn: String(claims.upn ?? claims.unique_name ?? claims.preferred_username ?? ''),
        oid: String(claims.oid ?? ''),
      };
    } catch (error) {
      if (error instanceof DefenderApiError) throw error;
      const e = error as AuthError;
      const aadsts = error instanceof ServerError || error instanceof AuthError ? `${e.errorCode}: ${firstLine(e.errorMessage)}` : firstLine(String((error as Error)?.message ?? error));
      const consent = /AADSTS65001\b/.test(aadsts) || (error instanceof ServerError && error.subError === 'consent_required');
      throw this.error(consent ? DEFENDER_ERROR_CODES.delegationConsentRequired : DEFENDER_ERROR_CODES.delegationFailed, redactAll(aadsts));
    }
  }

  private error(code: string, detail: string): DefenderApiError {
    const { name, tenantId, clientId } = this.conn;
    return new DefenderApiError({
      code,
      retryable: false,
      message: `Could not act On-Behalf-Of the person for connection "${name}" (tenant ${tenantId}, client ${clientId}): ${detail}`,
      operation: 'on-behalf-of',
    });
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split(/\r?\n/)[0]!.trim();
}
