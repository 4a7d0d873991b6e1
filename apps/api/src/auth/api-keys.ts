import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES } from '@soar/contracts';

/** One configured API key: the name it records as the actor, its roles, and the SHA-256 of the key (never the key). */
export interface ApiKeyEntry {
  name: string;
  /** From `name:role+role=key`: admin, author, analyst, approver, viewer (matched by the route policy and by `role:<name>` approvers). */
  roles: string[];
  digest: Buffer;
}

export type ApiKeysResult = { ok: true; entries: ApiKeyEntry[] } | { ok: false; problems: string[] };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
const ROLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The form an entry without roles is told to use (issue 11); never a real key. */
export const API_KEYS_FORM = 'API_KEYS="alice:admin=<key>,ana:analyst+approver=<key>,vic:viewer=<key>"';

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Parses `API_KEYS=name:role+role=key,...` (or `INTAKE_API_KEYS=name=key,...`, without roles).
 * Empty (or only spaces) means none. Every entry must have a non-empty key; names and keys must be
 * unique. With `roles`, a name may carry roles: `alice:admin+approver=key` (the split is at the
 * first `=`, so keys may contain `:`); with `roles: 'required'` every entry must name at least one,
 * and only the API's roles.
 * Problems name the entry's position (1-based) and never contain a key, because they are printed
 * at start-up.
 */
export function parseApiKeys(spec: string | undefined, options: { roles: boolean | 'required' } = { roles: false }): ApiKeysResult {
  if (!spec || spec.trim() === '') return { ok: true, entries: [] };
  const problems: string[] = [];
  const entries: (ApiKeyEntry & { position: number })[] = [];
  spec.split(',').forEach((raw, index) => {
    const position = index + 1;
    const entry = raw.trim();
    const at = entry.indexOf('=');
    if (entry === '') return problems.push(`entry ${position} is empty (write name=key, separated by commas)`);
    if (at < 0) return problems.push(`entry ${position} has no "=" (write name=key)`);
    const [name = '', roleList] = options.roles ? splitOnce(entry.slice(0, at).trim(), ':') : [entry.slice(0, at).trim(), undefined];
    const key = entry.slice(at + 1).trim();
    const roles = roleList === undefined ? [] : roleList.split('+').map((r) => r.trim());
    if (roles.some((r) => !ROLE.test(r))) return problems.push(`entry ${position} has an invalid role (write name:role+role=key; letters, digits, . _ - only)`);
    if (!NAME.test(name)) return problems.push(`entry ${position} has ${name ? 'an invalid' : 'an empty'} name (letters, digits, . _ @ - only)`);
    if (options.roles === 'required') {
      if (roles.length === 0) return problems.push(`entry ${position} (${name}) has no role: give each key its roles, e.g. ${API_KEYS_FORM}`);
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length) return problems.push(`entry ${position} (${name}) has an unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
    }
    if (key === '') return problems.push(`entry ${position} (${name}) has an empty key`);
    const digest = sha256(key);
    const sameName = entries.find((e) => e.name === name);
    if (sameName) return problems.push(`entries ${sameName.position} and ${position} have the same name ${name}`);
    const sameKey = entries.find((e) => e.digest.equals(digest));
    if (sameKey) return problems.push(`entries ${sameKey.position} (${sameKey.name}) and ${position} (${name}) have the same key`);
    entries.push({ name, roles, digest, position });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, entries: entries.map(({ name, roles, digest }) => ({ name, roles, digest })) };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * The name of the key an `Authorization: Bearer <key>` header presents, or null. Keys are compared
 * as SHA-256 digests (same length whatever was sent) with timingSafeEqual, against every entry
 * (no early exit), so timing says nothing about how much of a key was right.
 */
export function matchApiKey(keys: readonly ApiKeyEntry[], header: string | undefined): string | null {
  return matchApiKeyEntry(keys, header)?.name ?? null;
}

/** The configured entry (name and roles) the header's key belongs to, or null; compared as matchApiKey says. */
export function matchApiKeyEntry(keys: readonly ApiKeyEntry[], header: string | undefined): ApiKeyEntry | null {
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1]?.trim();
  if (!presented) return null;
  const digest = sha256(presented);
  let found: ApiKeyEntry | null = null;
  for (const entry of keys) if (timingSafeEqual(entry.digest, digest) && found === null) found = entry;
  return found;
}
