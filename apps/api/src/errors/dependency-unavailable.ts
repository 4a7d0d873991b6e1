/**
 * Errors that mean "a service we depend on cannot take the request now", not "this request is
 * wrong" and not a bug: the pg pool found no free connection in time (a burst larger than the
 * pool), the database refused or dropped the connection, or is shutting down or full. The client
 * should retry shortly, so these answer 503 with Retry-After instead of 500.
 */
const POOL_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated', 'Client has encountered a connection error'];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** Prisma's: cannot reach, timed out, server closed the connection, no connection from the pool in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P operator intervention (shutdown, cannot connect now). */
const SQLSTATE_PREFIXES = ['08', '53', '57P'];

export function isDependencyUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || PRISMA_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_PREFIXES.some((p) => code.startsWith(p))) return true;
    if (typeof e.message === 'string' && POOL_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
    // Node's connect gives an AggregateError (one per address tried) when every address refused.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDependencyUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}

/** Seconds a client is asked to wait: long enough for a burst to drain or a restart to finish. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 2;
