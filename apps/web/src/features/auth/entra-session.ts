import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import type { AuthConfig } from '../../api/types';

type EntraConfig = NonNullable<AuthConfig['entra']>;

/**
 * The console's Entra ID session, with msal-browser: authorization code + PKCE by redirect, tokens
 * kept in sessionStorage (this tab only), renewed silently with the refresh token.
 * `knownAuthorities` names the configured sign-in host so msal trusts it without Microsoft's
 * instance discovery: that is what lets the simulator stand in for Entra.
 */
export class EntraSession {
  private constructor(
    private readonly msal: PublicClientApplication,
    private readonly config: EntraConfig,
  ) {}

  /** Starts msal and finishes a sign-in the browser has just been redirected back from. */
  static async start(config: EntraConfig): Promise<EntraSession> {
    const origin = window.location.origin;
    const msal = new PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [new URL(config.authority).host], redirectUri: `${origin}/`, postLogoutRedirectUri: `${origin}/` },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await msal.initialize();
    const result = await msal.handleRedirectPromise();
    const account = result?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
    if (account) msal.setActiveAccount(account);
    return new EntraSession(msal, config);
  }

  get account(): AccountInfo | null {
    return this.msal.getActiveAccount();
  }

  /** Leaves for the sign-in page; the browser comes back to the console's root. */
  signIn(): Promise<void> {
    return this.msal.loginRedirect({ scopes: [this.config.apiScope], redirectStartPage: window.location.href });
  }

  signOut(): Promise<void> {
    return this.msal.logoutRedirect({ account: this.account });
  }

  /** An unexpired access token for the API, or null when the user must sign in again. */
  async accessToken(): Promise<string | null> {
    const account = this.account;
    if (!account) return null;
    try {
      return (await this.msal.acquireTokenSilent({ scopes: [this.config.apiScope], account })).accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) return null;
      throw error;
    }
  }
}
