import { DEFAULT_DEFENDER_CLOUD, DEFENDER_CLOUDS, type DefenderCloud } from '@soar/contracts';
import { ConnectionConfigError } from './connections/connection-config.error';

/** How to reach one Defender for Endpoint tenant with one Entra application. */
export interface DefenderConnectionConfig {
  /** Connection name playbooks refer to (`default` when they name none). */
  name: string;
  tenantId: string;
  /** Entra application (client) id. */
  clientId: string;
  /**
   * `privateKeyPem` holds the RSA private key and its certificate (PEM); the thumbprint and x5c
   * are derived from the certificate. A key-only PEM needs an explicit thumbprint.
   */
  credential:
    | { kind: 'secret'; clientSecret: string }
    | { kind: 'certificate'; privateKeyPem: string; thumbprintSha256?: string; thumbprint?: string; x5c?: string };
  /** Sets authorityHost, apiBaseUrl and scope together (DEFENDER_CLOUDS); default commercial. */
  cloud?: DefenderCloud;
  /** Sign-in host; default the cloud's. A bare `host:port` means https. */
  authorityHost?: string;
  /** Default the cloud's. Geo hosts are listed in REFERENCE.md §1.1. */
  apiBaseUrl?: string;
  /** Default the cloud's (its API + `/.default`). */
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

export const DEFAULT_AUTHORITY_HOST = DEFENDER_CLOUDS.commercial.authorityHost;
export const DEFAULT_API_BASE_URL = DEFENDER_CLOUDS.commercial.apiBaseUrl;
export const DEFAULT_SCOPE = DEFENDER_CLOUDS.commercial.scope;
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
  cloud: DefenderCloud;
  /** `https://host[:port]/<tenantId>` */
  authority: string;
  knownAuthorities: string[];
  /** Base URL without a trailing slash. */
  apiBaseUrl: string;
  scope: string;
  requestTimeoutMs: number;
}

/** What a connection that says nothing about its cloud or hosts inherits (from DEFENDER_* variables). */
export interface ConnectionDefaults {
  cloud?: DefenderCloud;
  authorityHost?: string;
  apiBaseUrl?: string;
  scope?: string;
}

/**
 * Fills in what a connection leaves open: a connection naming its own `cloud` takes the rest from
 * that cloud; one that names none inherits the environment's cloud and hosts (so connections from
 * the file or the API follow DEFENDER_AUTHORITY_HOST/DEFENDER_API_BASE_URL, e.g. to the simulator).
 */
export function withConnectionDefaults(config: DefenderConnectionConfig, defaults: ConnectionDefaults): DefenderConnectionConfig {
  if (config.cloud) return config;
  const pick = <K extends 'authorityHost' | 'apiBaseUrl' | 'scope'>(key: K) =>
    config[key] ?? defaults[key] ? { [key]: config[key] ?? defaults[key] } : {};
  return {
    ...config,
    ...(defaults.cloud ? { cloud: defaults.cloud } : {}),
    ...pick('authorityHost'),
    ...pick('apiBaseUrl'),
    ...pick('scope'),
  };
}

/** Applies the defaults and normalises URLs; throws ConnectionConfigError on a config that cannot work. */
export function resolveConnectionConfig(config: DefenderConnectionConfig): ResolvedConnection {
  const fail = (detail: string): never => {
    throw new ConnectionConfigError(config.name, detail);
  };
  const cloudName = config.cloud ?? DEFAULT_DEFENDER_CLOUD;
  const cloud = Object.hasOwn(DEFENDER_CLOUDS, cloudName) ? DEFENDER_CLOUDS[cloudName] : fail(`unknown cloud "${cloudName}" (known: ${Object.keys(DEFENDER_CLOUDS).join(', ')})`);
  const hostInput = config.authorityHost ?? cloud.authorityHost;
  const authorityUrl = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(hostInput) ? hostInput : `https://${hostInput}`, 'authorityHost', fail);
  if (authorityUrl.protocol !== 'https:') fail('authorityHost must use https');
  const authorityBase = `${authorityUrl.origin}${authorityUrl.pathname.replace(/\/+$/, '')}`;
  const apiBaseUrl = (config.apiBaseUrl ?? cloud.apiBaseUrl).replace(/\/+$/, '');
  if (parseUrl(apiBaseUrl, 'apiBaseUrl', fail).protocol !== 'https:') fail('apiBaseUrl must use https');
  return {
    name: config.name,
    tenantId: config.tenantId,
    clientId: config.clientId,
    cloud: cloudName,
    authority: `${authorityBase}/${encodeURIComponent(config.tenantId)}`,
    knownAuthorities:
      config.knownAuthorities ?? (MICROSOFT_LOGIN_HOSTS.has(authorityUrl.hostname) ? [] : [authorityUrl.host]),
    apiBaseUrl,
    scope: config.scope ?? cloud.scope,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

function parseUrl(value: string, field: string, fail: (detail: string) => never): URL {
  try {
    return new URL(value);
  } catch {
    return fail(`${field} is not a URL`);
  }
}
