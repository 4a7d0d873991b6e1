import { odataError } from '../http/api-error';

export interface PageRequest {
  skip: number;
  /** Items the client still wants in total; null = all. */
  remaining: number | null;
}

/**
 * Reads $top/$skip, or the continuation token of a nextLink. The token is opaque to clients
 * (REFERENCE §2: nextLink format UNCONFIRMED), so they must follow nextLink verbatim.
 */
export function readPageRequest(query: URLSearchParams, maxTop: number): PageRequest {
  const token = query.get('$skiptoken');
  if (token !== null) return decodeSkipToken(token);
  const top = readNonNegativeInt(query, '$top');
  if (top !== null && top > maxTop) throw odataError(`The limit of '${maxTop}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
  return { skip: readNonNegativeInt(query, '$skip') ?? 0, remaining: top };
}

function readNonNegativeInt(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw.trim())) throw odataError(`Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
  return Number(raw);
}

export function encodeSkipToken(page: PageRequest): string {
  return Buffer.from(JSON.stringify({ s: page.skip, r: page.remaining })).toString('base64url');
}

function decodeSkipToken(token: string): PageRequest {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; r?: unknown };
    if (typeof parsed.s === 'number' && (parsed.r === null || typeof parsed.r === 'number')) return { skip: parsed.s, remaining: parsed.r };
  } catch {
    // fall through to the error below
  }
  throw odataError(`Invalid $skiptoken '${token}'.`);
}

export interface OrderBy {
  property: string;
  descending: boolean;
}

/** `$orderby` is used by community clients though undocumented (REFERENCE §2, UNCONFIRMED). */
export function readOrderBy(query: URLSearchParams): OrderBy[] {
  const raw = query.get('$orderby');
  if (!raw) return [];
  return raw.split(',').map((part) => {
    const m = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw odataError(`Invalid $orderby '${raw}'.`);
    return { property: m[1]!, descending: (m[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}
