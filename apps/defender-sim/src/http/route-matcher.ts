/**
 * Path matching for the simulator's small routers. Templates use `:name` segments; routes whose
 * shape is not segment-based (OData function calls such as `findbyip(ip='..',timestamp=..)`)
 * give a RegExp with named groups, tested against the decoded path.
 *
 * Matching is case-insensitive: the real service routes `StopAndQuarantineFile` and
 * `stopandquarantinefile` alike (ASP.NET routing).
 */
export type PathPattern = string | RegExp;

export function matchPath(pattern: PathPattern, pathname: string): Record<string, string> | null {
  const segments = pathname.split('/').map(safeDecode);
  if (pattern instanceof RegExp) {
    const m = pattern.exec(segments.join('/'));
    return m ? { ...(m.groups ?? {}) } : null;
  }
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params[part.slice(1)] = segment;
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function queryToObject(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(params);
}
