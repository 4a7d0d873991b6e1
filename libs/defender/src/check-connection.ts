import { DEFENDER_ACTION_DEFINITIONS, type ActionDefinition } from '@soar/contracts';
import { defenderHostRefusal } from './connections/allowed-hosts';
import { DefenderApiError } from './defender-api.error';
import type { DefenderClient } from './defender.client';

export interface ConnectionCheckAction {
  action: string;
  /** Any one of these application permissions allows the action. */
  permissions: string[];
  granted: boolean;
}

export interface ConnectionCheckResult {
  connection: string;
  /** Token acquired and the API accepted it. */
  ok: boolean;
  tokenAcquired: boolean;
  /** Defender answered the probe (even with 403: reachable, just not allowed to read machines). */
  apiReachable: boolean;
  /** Application permissions in the token (`roles`; delegated `scp` scopes are listed too). */
  roles: string[];
  actions: ConnectionCheckAction[];
  error?: { code: string; message: string; status?: number };
}

/**
 * Checks a connection end to end: acquires a token, calls a cheap read (`GET /api/machines?$top=1`),
 * decodes the token's `roles` and reports, for every catalog action, whether one of its permissions
 * is granted. Never throws for Defender or STS failures; they are reported in `error`.
 */
export async function checkConnection(
  client: DefenderClient,
  definitions: readonly ActionDefinition[] = DEFENDER_ACTION_DEFINITIONS,
): Promise<ConnectionCheckResult> {
  const result: ConnectionCheckResult = {
    connection: client.name,
    ok: false,
    tokenAcquired: false,
    apiReachable: false,
    roles: [],
    actions: grantedActions(definitions, []),
  };
  // A host allowed only by server configuration is not Microsoft: its error text is not ours to repeat.
  const { authority, apiBaseUrl } = client.connection;
  const foreign = defenderHostRefusal({ authorityHost: new URL(authority).origin, apiBaseUrl }, []) !== undefined;
  const describe = (error: unknown, phase: 'token' | 'api') => (foreign ? describeWithoutText(error, phase) : describeError(error));
  try {
    const token = await client.tokens.getToken();
    result.tokenAcquired = true;
    result.roles = tokenRoles(token.accessToken);
    result.actions = grantedActions(definitions, result.roles);
  } catch (error) {
    result.error = describe(error, 'token');
    return result;
  }
  try {
    await client.listMachines({ top: 1 });
    result.apiReachable = true;
    result.ok = true;
  } catch (error) {
    // Any HTTP answer proves the API is reachable; 403 only means no machine read permission.
    const status = error instanceof DefenderApiError ? error.status : undefined;
    result.apiReachable = status !== undefined;
    result.ok = status === 403;
    result.error = describe(error, 'api');
  }
  return result;
}

function grantedActions(definitions: readonly ActionDefinition[], roles: string[]): ConnectionCheckAction[] {
  // Defender's docs spell some roles differently (URL.Read.All / Url.Read.All): compare case-insensitively.
  const held = new Set(roles.map((r) => r.toLowerCase()));
  return definitions.map((d) => ({
    action: d.name,
    permissions: [...d.permissions],
    granted: d.permissions.some((p) => held.has(p.toLowerCase())) && (!d.alsoNeeds || d.alsoNeeds.some((p) => held.has(p.toLowerCase()))),
  }));
}

/** `roles` (app tokens) or `scp` (delegated) from a JWT's payload; the signature is Entra's business. */
export function tokenRoles(accessToken: string): string[] {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      roles?: unknown;
      scp?: unknown;
    };
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    return [...roles, ...scopes];
  } catch {
    return [];
  }
}

/** Code and status only, in our words: for hosts that are not Microsoft's (see allowed-hosts.ts). */
function describeWithoutText(error: unknown, phase: 'token' | 'api'): ConnectionCheckResult['error'] {
  const { code, status } = describeError(error)!;
  const what = phase === 'token' ? 'getting a token failed' : 'the Defender API call failed';
  return { code, message: `${what} (${code}${status ? `, HTTP ${status}` : ''}); the host is not a Microsoft cloud host, so its own error text is not repeated`, ...(status ? { status } : {}) };
}

function describeError(error: unknown): ConnectionCheckResult['error'] {
  if (error instanceof DefenderApiError) return { code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) };
  const e = error as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : 'UNKNOWN', message: String(e?.message ?? error) };
}
