/**
 * Redacts anything that looks like a credential, at any depth, by shape rather than by a list of
 * paths: a key naming a secret, token, password, client assertion, API key, cookie, private key
 * or Authorization header has its value replaced, and text that carries a bearer token, a JWT or
 * a `client_secret=`/`client_assertion=` form field is cut where the credential starts. Used as
 * the logger's serializer so no call site has to remember it.
 */
export const REDACTED = '[redacted]';

const CREDENTIAL_KEY = /secret|token|passw|authorization|assertion|credential|api[-_]?key|cookie|private[-_]?key|signature|session/i;
const TEXT_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b((?:client_secret|client_assertion|access_token|refresh_token|id_token|password|code)=)[^&\s"']+/gi, `$1${REDACTED}`],
];
const MAX_DEPTH = 12;

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` with credentials redacted (see the file comment). Cycles and depth are bounded. */
export function redactCredentials<T>(value: T): T {
  return walk(value, 0, new WeakSet()) as T;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const e = value as Error & Record<string, unknown>;
    const out: Record<string, unknown> = { type: e.name, message: redactText(e.message), ...(e.stack ? { stack: redactText(e.stack) } : {}) };
    for (const [k, v] of Object.entries(e)) out[k] = CREDENTIAL_KEY.test(k) ? REDACTED : walk(v, depth + 1, seen);
    if (e.cause !== undefined) out.cause = walk(e.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
  if (value instanceof Map) return walk(Object.fromEntries(value), depth, seen);
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = CREDENTIAL_KEY.test(k) && v !== null && v !== undefined && typeof v !== 'boolean' && typeof v !== 'number' ? REDACTED : walk(v, depth + 1, seen);
  }
  return out;
}
