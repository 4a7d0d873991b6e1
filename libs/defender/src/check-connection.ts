import { DEFENDER_ERROR_CODES, type ActionDefinition } from '@soar/contracts';
import { DEFENDER_ACTION_DEFINITIONS } from './actions/action-catalog';
import { defenderHostRefusal } from './connections/allowed-hosts';
import { DefenderApiError } from './defender-api.error';
import type { DefenderClient } from './defender.client';

export interface ConnectionCheckAction {
  action: string;
  /** Any one of these application permissions allows the action. */
  permissions: string[];
  /** Needed as well (any one of them): machine actions also read the machine's actions. */
  alsoNeeds: string[];
  granted: boolean;
  /** What to grant for the action to work, one entry per requirement ("A or B"); empty when granted. */
  missing: string[];
}

export interface ConnectionCheckResult {
  connection: string;
  /** Token acquired and Defender answered (a 403 on the probe only means no machine read permission). */
  ok: boolean;
  /** Why `ok` is what it is, in a sentence an admin can act on. */
  reason: string;
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
    reason: '',
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
    result.reason = `No token: Entra ID refused the sign-in or could not be reached (${result.error?.message ?? 'see error'}).`;
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
  result.reason = explain(result, client.connection.apiBaseUrl);
  return result;
}

function grantedActions(definitions: readonly ActionDefinition[], roles: string[]): ConnectionCheckAction[] {
  // Defender's docs spell some roles differently (URL.Read.All / Url.Read.All): compare case-insensitively.
  const held = new Set(roles.map((r) => r.toLowerCase()));
  const anyHeld = (list: readonly string[]) => list.length === 0 || list.some((p) => held.has(p.toLowerCase()));
  return definitions.map((d) => {
    const alsoNeeds = [...(d.alsoNeeds ?? [])];
    const missing = [d.permissions, alsoNeeds].filter((list) => !anyHeld(list)).map((list) => list.join(' or '));
    return { action: d.name, permissions: [...d.permissions], alsoNeeds, granted: missing.length === 0, missing };
  });
}

function explain(result: ConnectionCheckResult, apiBaseUrl: string): string {
  if (!result.apiReachable) return `Token acquired, but Defender did not answer at ${apiBaseUrl} (${result.error?.message ?? 'no answer'}).`;
  if (result.error?.status === 403) {
    return 'Token acquired and Defender answered, but refused to list machines (403): the application lacks Machine.Read.All; actions that need it are listed with what is missing.';
  }
  if (!result.ok) return `Token acquired, but Defender answered with an error: ${result.error?.message ?? 'unknown'}.`;
  const denied = result.actions.filter((a) => !a.granted).length;
  return denied === 0
    ? 'Token acquired and Defender answered; every action is permitted.'
    : `Token acquired and Defender answered; ${denied} action(s) need more permissions (see missing).`;
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

const NO_ANSWER_CODES = new Set<string>([DEFENDER_ERROR_CODES.networkError, DEFENDER_ERROR_CODES.timeout]);

/** Code and status only, in our words: for hosts that are not Microsoft's (see allowed-hosts.ts). */
function describeWithoutText(error: unknown, phase: 'token' | 'api'): ConnectionCheckResult['error'] {
  const described = describeError(error)!;
  // No answer came back: the message is ours (with the URL tried), nothing the host wrote.
  if (NO_ANSWER_CODES.has(described.code)) return described;
  const { code, status } = described;
  const what = phase === 'token' ? 'getting a token failed' : 'the Defender API call failed';
  return { code, message: `${what} (${code}${status ? `, HTTP ${status}` : ''}); the host is not a Microsoft cloud host, so its own error text is not repeated`, ...(status ? { status } : {}) };
}

function describeError(error: unknown): ConnectionCheckResult['error'] {
  if (error instanceof DefenderApiError) return { code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) };
  const e = error as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : 'UNKNOWN', message: String(e?.message ?? error) };
}
