/** How to reach one Defender for Endpoint tenant with one Entra application. */
export interface DefenderConnectionConfig {
  /** Connection name playbooks refer to (`default` when they name none). */
  name: string;
  tenantId: string;
  /** Entra application (client) id. */
  clientId: string;
  credential:
    | { kind: 'secret'; clientSecret: string }
    | { kind: 'certificate'; privateKeyPem: string; thumbprintSha256?: string; thumbprint?: string; x5c?: string };
  /** Sign-in host. Default `https://login.microsoftonline.com`; US Gov GCC High/DoD `https://login.microsoftonline.us`. A bare `host:port` means https. */
  authorityHost?: string;
  /** Default `https://api.securitycenter.microsoft.com`. Geo and gov hosts are listed in REFERENCE.md §1.1. */
  apiBaseUrl?: string;
  /** Default `https://api.securitycenter.microsoft.com/.default`. */
  scope?: string;
  /**
   * Hosts msal-node trusts without instance discovery, e.g. `['localhost:8443']` for the simulator.
   * Default: the authority host when it is not a Microsoft sign-in host.
   */
  knownAuthorities?: string[];
  /** Per-request timeout. Default 30000 ms. */
  requestTimeoutMs?: number;
  /**
   * Where `defender.hunting.query` runs: Microsoft Graph `security/runHuntingQuery` (default;
   * Microsoft retires the Defender advanced-hunting API in 2026) or that legacy `defender` API.
   */
  huntingApi?: 'graph' | 'defender';
  /** Microsoft Graph host; default derived from apiBaseUrl (see graphBaseUrlOf). */
  graphBaseUrl?: string;
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_API_BASE_URL = 'https://api.securitycenter.microsoft.com';
export const DEFAULT_SCOPE = 'https://api.securitycenter.microsoft.com/.default';
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Microsoft sign-in hosts msal-node already knows (instance discovery is built in for these). */
const MICROSOFT_LOGIN_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.microsoft.com',
  'login.windows.net',
  'login.partner.microsoftonline.cn',
]);

export interface ResolvedConnection {
  name: string;
  tenantId: string;
  clientId: string;
  /** `https://host[:port]/<tenantId>` */
  authority: string;
  knownAuthorities: string[];
  /** Base URL without a trailing slash. */
  apiBaseUrl: string;
  scope: string;
  requestTimeoutMs: number;
}

/** Applies the defaults and normalises URLs; throws on a config that cannot work. */
export function resolveConnectionConfig(config: DefenderConnectionConfig): ResolvedConnection {
  const hostInput = config.authorityHost ?? DEFAULT_AUTHORITY_HOST;
  const authorityUrl = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(hostInput) ? hostInput : `https://${hostInput}`);
  if (authorityUrl.protocol !== 'https:') throw new Error(`Defender connection "${config.name}": authorityHost must use https`);
  const authorityBase = `${authorityUrl.origin}${authorityUrl.pathname.replace(/\/+$/, '')}`;
  const apiBaseUrl = (config.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const api = new URL(apiBaseUrl);
  if (api.protocol !== 'https:') throw new Error(`Defender connection "${config.name}": apiBaseUrl must use https`);
  return {
    name: config.name,
    tenantId: config.tenantId,
    clientId: config.clientId,
    authority: `${authorityBase}/${encodeURIComponent(config.tenantId)}`,
    knownAuthorities:
      config.knownAuthorities ?? (MICROSOFT_LOGIN_HOSTS.has(authorityUrl.hostname) ? [] : [authorityUrl.host]),
    apiBaseUrl,
    scope: config.scope ?? DEFAULT_SCOPE,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}
