import type { IncomingHttpHeaders } from 'node:http';

/** Form fields that carry credentials; never stored in the request log. */
const SECRET_FIELDS = new Set(['client_secret', 'client_assertion', 'password', 'refresh_token', 'assertion', 'code', 'code_verifier']);

/** The body as the request log shows it: JSON parsed, form fields without credentials. */
export function loggableBody(raw: string, headers: IncomingHttpHeaders): unknown {
  if (raw.trim() === '') return null;
  if ((headers['content-type'] ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(raw)) if (!SECRET_FIELDS.has(k.toLowerCase())) fields[k] = v;
    return fields;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw;
  }
}
