/**
 * One `WEBHOOK_ALLOWED_HOSTS` entry: a scheme, a host and a port. `hooks.slack.com` means
 * https://hooks.slack.com:443 only; plain http must be written out (`http://10.0.0.5:8080`), so
 * a secret header never travels in clear by accident, and a bare `localhost` does not open every
 * local port.
 */
export interface AllowedOrigin {
  scheme: 'http' | 'https';
  /** Lower case; IPv6 without brackets. */
  host: string;
  port: number;
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** Parses the comma-separated list; returns the entries or the problems, naming each bad entry. */
export function parseWebhookAllowList(text: string): { ok: true; origins: AllowedOrigin[] } | { ok: false; problems: string[] } {
  const origins: AllowedOrigin[] = [];
  const problems: string[] = [];
  for (const raw of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const parsed = parseEntry(raw);
    if (typeof parsed === 'string') problems.push(`${raw}: ${parsed}`);
    else origins.push(parsed);
  }
  return problems.length ? { ok: false, problems } : { ok: true, origins };
}

function parseEntry(raw: string): AllowedOrigin | string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return 'not a host, host:port or scheme://host:port';
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return 'only http:// and https:// are possible';
  if (url.username || url.password) return 'must not carry credentials';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return 'name an origin (scheme://host:port), without a path';
  return { scheme, host: hostOf(url), port: url.port ? Number(url.port) : DEFAULT_PORT[scheme] };
}

/** The URL's host in the form entries are kept in. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** The entry that allows this URL, if any: same scheme, host and port. */
export function allowedOriginFor(url: URL, origins: readonly AllowedOrigin[]): AllowedOrigin | undefined {
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const port = url.port ? Number(url.port) : DEFAULT_PORT[scheme];
  const host = hostOf(url);
  return origins.find((o) => o.scheme === scheme && o.host === host && o.port === port);
}

export const describeOrigin = (o: AllowedOrigin): string => `${o.scheme}://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
