/**
 * The Microsoft clouds a Defender for Endpoint tenant can live in, and where each one signs in,
 * serves the API and which token scope that API accepts. One table for the connection resolver,
 * the environment schema, the README (a test checks its table against this) and the allow-list of
 * Microsoft hosts, so the three values of a cloud can never be mixed up.
 *
 * Sources: Microsoft's "Defender for Endpoint for US Government customers" page (GCC signs in at the
 * commercial authority but calls the GCC API; GCC High and DoD sign in at login.microsoftonline.us),
 * the client-credentials flow docs (the scope is the API's resource + `/.default`), and for China
 * (21Vianet) community code and the sovereign-cloud sign-in host msal-node knows.
 */
export const DEFENDER_CLOUDS = {
  commercial: {
    label: 'Commercial (worldwide)',
    authorityHost: 'https://login.microsoftonline.com',
    apiBaseUrl: 'https://api.securitycenter.microsoft.com',
    scope: 'https://api.securitycenter.microsoft.com/.default',
  },
  gcc: {
    label: 'US Government Community (GCC)',
    authorityHost: 'https://login.microsoftonline.com',
    apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
    scope: 'https://api-gcc.securitycenter.microsoft.us/.default',
  },
  'gcc-high': {
    label: 'US Government GCC High',
    authorityHost: 'https://login.microsoftonline.us',
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    scope: 'https://api-gov.securitycenter.microsoft.us/.default',
  },
  dod: {
    label: 'US Government DoD',
    authorityHost: 'https://login.microsoftonline.us',
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    scope: 'https://api-gov.securitycenter.microsoft.us/.default',
  },
  china: {
    label: 'China (operated by 21Vianet)',
    authorityHost: 'https://login.chinacloudapi.cn',
    apiBaseUrl: 'https://api.securitycenter.azure.cn',
    scope: 'https://api.securitycenter.azure.cn/.default',
  },
} as const satisfies Record<string, DefenderCloudEndpoints & { label: string }>;

export interface DefenderCloudEndpoints {
  /** Entra sign-in host (the tenant id is appended). */
  authorityHost: string;
  /** Defender for Endpoint API base URL (paths start with /api). */
  apiBaseUrl: string;
  /** Client-credentials scope for that API. */
  scope: string;
}

export type DefenderCloud = keyof typeof DEFENDER_CLOUDS;
export const DEFENDER_CLOUD_NAMES = Object.keys(DEFENDER_CLOUDS) as [DefenderCloud, ...DefenderCloud[]];
export const DEFAULT_DEFENDER_CLOUD: DefenderCloud = 'commercial';
