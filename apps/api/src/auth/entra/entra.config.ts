import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `ENTRA_GROUP_ROLES`: Entra group object id → the SOAR roles its members hold. */
export type GroupRoles = ReadonlyMap<string, readonly string[]>;

/**
 * Parses `<groupId>:role+role,<groupId>:role`. Problems name the entry by position, as the
 * API_KEYS parser does, and show the expected form.
 */
export function parseGroupRoles(spec: string | undefined): { ok: true; map: GroupRoles } | { ok: false; problems: string[] } {
  const map = new Map<string, string[]>();
  const problems: string[] = [];
  if (!spec || spec.trim() === '') return { ok: true, map };
  spec.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    const at = entry.indexOf(':');
    const groupId = entry.slice(0, at).trim().toLowerCase();
    const roles = entry.slice(at + 1).split('+').map((r) => r.trim());
    if (at < 0 || !GUID.test(groupId) || roles.some((r) => !ROLE.test(r))) {
      problems.push(`entry ${index + 1} is not <group object id>:role+role (e.g. 6a1f3c1e-2b7d-4c1a-9f5e-000000000002:analyst+approver)`);
    } else if (map.has(groupId)) {
      problems.push(`entry ${index + 1} repeats group ${groupId}`);
    } else {
      map.set(groupId, roles);
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, map };
}

/**
 * Entra ID sign-in settings of the API (merged into its env schema). Setting ENTRA_TENANT_ID turns
 * Entra sign-in on, and then the API's and the console's client ids are required too.
 */
export const entraEnvShape = {
  /** Directory (tenant) id whose users may sign in. */
  ENTRA_TENANT_ID: z.string().regex(GUID, 'a directory (tenant) id, a GUID').optional(),
  /** Application (client) id of this API's app registration: the `aud` of the access tokens it accepts. */
  ENTRA_API_CLIENT_ID: z.string().regex(GUID, 'an application (client) id, a GUID').optional(),
  /** Application (client) id of the console's single-page-app registration. */
  ENTRA_CONSOLE_CLIENT_ID: z.string().regex(GUID, 'an application (client) id, a GUID').optional(),
  /** Entra's sign-in host; the simulator's URL in tests and local runs. */
  ENTRA_AUTHORITY: z
    .url({ protocol: /^https$/, error: 'an https URL such as https://login.microsoftonline.com' })
    .default('https://login.microsoftonline.com')
    .transform((u) => u.replace(/\/+$/, '')),
  /** The delegated scope the console asks for; default `api://<ENTRA_API_CLIENT_ID>/access_as_user`. */
  ENTRA_API_SCOPE: z.string().min(1).optional(),
  /** Clock difference tolerated on a token's `exp`/`nbf`, in seconds. */
  ENTRA_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  /** Roles of members of Entra groups, beside the token's `roles` claim: `<groupId>:analyst+approver,...`. */
  ENTRA_GROUP_ROLES: z
    .string()
    .optional()
    .transform((spec, ctx): GroupRoles => {
      const parsed = parseGroupRoles(spec);
      if (parsed.ok) return parsed.map;
      for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }),
};

export interface EntraEnv {
  ENTRA_TENANT_ID?: string | undefined;
  ENTRA_API_CLIENT_ID?: string | undefined;
  ENTRA_CONSOLE_CLIENT_ID?: string | undefined;
  ENTRA_AUTHORITY: string;
  ENTRA_API_SCOPE?: string | undefined;
  ENTRA_CLOCK_SKEW_SECONDS: number;
  ENTRA_GROUP_ROLES: GroupRoles;
}

/** Refuses a half configuration at start: every Entra id is needed once one is set. */
export function checkEntraComplete(env: EntraEnv, ctx: z.RefinementCtx): void {
  const names = ['ENTRA_TENANT_ID', 'ENTRA_API_CLIENT_ID', 'ENTRA_CONSOLE_CLIENT_ID'] as const;
  const set = names.filter((n) => env[n]);
  if (set.length === 0 || set.length === names.length) return;
  for (const name of names.filter((n) => !env[n])) {
    ctx.addIssue({ code: 'custom', path: [name], message: `required when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set (Entra ID sign-in needs the tenant, the API's and the console's client ids)` });
  }
}

/** The Entra settings the verifier and the console need, or null when Entra sign-in is off. */
export interface EntraSettings {
  tenantId: string;
  apiClientId: string;
  consoleClientId: string;
  /** e.g. https://login.microsoftonline.com/<tenant> */
  authority: string;
  apiScope: string;
  clockSkewSeconds: number;
  groupRoles: GroupRoles;
}

/** Entra sign-in is on when its three ids are set (start-up validation refuses a partial set). */
export const entraConfigured = (env: Partial<Pick<EntraEnv, 'ENTRA_TENANT_ID' | 'ENTRA_API_CLIENT_ID' | 'ENTRA_CONSOLE_CLIENT_ID'>>): boolean =>
  Boolean(env.ENTRA_TENANT_ID && env.ENTRA_API_CLIENT_ID && env.ENTRA_CONSOLE_CLIENT_ID);

export function entraSettings(env: EntraEnv): EntraSettings | null {
  // Spelled out (not entraConfigured) so TypeScript narrows the three ids below.
  if (!env.ENTRA_TENANT_ID || !env.ENTRA_API_CLIENT_ID || !env.ENTRA_CONSOLE_CLIENT_ID) return null;
  return {
    tenantId: env.ENTRA_TENANT_ID,
    apiClientId: env.ENTRA_API_CLIENT_ID,
    consoleClientId: env.ENTRA_CONSOLE_CLIENT_ID,
    authority: `${env.ENTRA_AUTHORITY}/${env.ENTRA_TENANT_ID}`,
    apiScope: env.ENTRA_API_SCOPE ?? `api://${env.ENTRA_API_CLIENT_ID}/access_as_user`,
    clockSkewSeconds: env.ENTRA_CLOCK_SKEW_SECONDS,
    groupRoles: env.ENTRA_GROUP_ROLES,
  };
}
