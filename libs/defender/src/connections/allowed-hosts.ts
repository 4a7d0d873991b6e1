/**
 * Which hosts a Defender connection may sign in at and call. A connection sends its client secret
 * or assertion to `authorityHost` and bearer tokens to `apiBaseUrl`, and anyone who can add a
 * connection could otherwise point them at a host of their own (or at the internal network). By
 * default only Microsoft's clouds are allowed; anything else — the simulator, a proxy — only
 * through the server's `DEFENDER_ALLOWED_HOSTS`, which users of the API cannot change.
 */

/** Entra ID sign-in hosts: commercial and GCC, GCC High and DoD, China (21Vianet). */
export const MICROSOFT_SIGN_IN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
];

/**
 * Defender API hosts, as domain suffixes: commercial with its geo hosts (`eu.api.security.microsoft.com`,
 * `api-eu.securitycenter.microsoft.com`), the ATP-era `securitycenter.windows.com`, GCC and GCC
 * High/DoD (`api-gcc.` / `api-gov.securitycenter.microsoft.us`) and China.
 */
export const MICROSOFT_DEFENDER_API_DOMAINS: readonly string[] = [
  'security.microsoft.com',
  'securitycenter.microsoft.com',
  'securitycenter.windows.com',
  'securitycenter.microsoft.us',
  'security.microsoft.us',
  'securitycenter.azure.cn',
  'security.microsoft.cn',
];

const inDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Parses `DEFENDER_ALLOWED_HOSTS` (`host` or `host:port`, comma separated) into lower-case `host:port` keys. */
export function parseDefenderAllowedHosts(text: string): string[] {
  return text
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
    .map((h) => (/:\d+$/.test(h) ? h : `${h}:443`));
}

/**
 * Why a connection's hosts are refused, or undefined when they are allowed. Ports other than 443
 * are never Microsoft's: such a host needs a `DEFENDER_ALLOWED_HOSTS` entry too.
 *
 * @param allowed extra `host:port` keys from `parseDefenderAllowedHosts`
 */
export function defenderHostRefusal(config: { authorityHost?: string; apiBaseUrl?: string }, allowed: readonly string[]): string | undefined {
  const problems: string[] = [];
  const check = (field: string, value: string | undefined, microsoft: (host: string) => boolean) => {
    if (value === undefined) return;
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
    } catch {
      problems.push(`${field} is not a URL`);
      return;
    }
    const host = url.hostname.toLowerCase();
    const port = url.port || '443';
    if (url.protocol === 'https:' && port === '443' && microsoft(host)) return;
    if (url.protocol === 'https:' && allowed.includes(`${host}:${port}`)) return;
    problems.push(`${field} ${url.protocol}//${url.host} is not a Microsoft cloud host; other hosts can only be allowed in the server's DEFENDER_ALLOWED_HOSTS`);
  };
  check('authorityHost', config.authorityHost, (h) => MICROSOFT_SIGN_IN_HOSTS.includes(h));
  check('apiBaseUrl', config.apiBaseUrl, (h) => MICROSOFT_DEFENDER_API_DOMAINS.some((d) => inDomain(h, d)));
  return problems.length ? problems.join('; ') : undefined;
}
