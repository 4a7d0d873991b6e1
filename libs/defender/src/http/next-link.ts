/**
 * Where to fetch the next page. `@odata.nextLink` is opaque, but only its path and query are kept,
 * resolved against the configured base URL: Defender has been seen returning the global host for
 * requests made to a geo host (REFERENCE.md §1.1), and the bearer token must never go to a host the
 * connection was not configured for.
 */
export function rebaseNextLink(link: string, apiBaseUrl: string): string {
  const base = new URL(apiBaseUrl);
  const next = new URL(link, base.origin + '/');
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = basePath && !next.pathname.startsWith(basePath + '/') ? basePath + next.pathname : next.pathname;
  return `${base.origin}${path}${next.search}`;
}
