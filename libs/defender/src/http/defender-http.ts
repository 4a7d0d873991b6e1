import { randomUUID } from 'node:crypto';
import { ActionError, DEFENDER_ERROR_CODES } from '@soar/contracts';
import { annotateSpan, defenderCallDuration, defenderCalls, defenderRateLimitWait, defenderThrottled, withSpan } from '@soar/observability';
import { DefenderApiError } from '../defender-api.error';
import type { ResolvedConnection } from '../defender-connection.config';
import type { DefenderLogger } from '../defender.logger';
import type { DefenderTokenSource } from '../defender-token.provider';
import { redactor } from '../redact';
import type { DefenderEndpointGroup } from './endpoint-groups';
import { rebaseNextLink } from './next-link';
import { backoffWithJitterMs, parseRetryAfterMs } from './retry-after';

export type QueryValue = string | number | boolean | undefined;

export interface DefenderRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under the API base, already encoded, e.g. `/api/alerts/da123_1`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Throttling group; default `default`. */
  group?: DefenderEndpointGroup;
  /** Application permissions that allow the call (any one), quoted in 403 errors. */
  permissions: readonly string[];
  /** Stable operation label for errors and logs, e.g. `GET /api/alerts/{id}`. */
  operation: string;
}

/** Reserves a call slot before each request; throws a retryable RATE_LIMITED ActionError when none is free. */
export interface DefenderCallLimiter {
  acquire(key: { tenantId: string; clientId: string; connection: string }, group: DefenderEndpointGroup): Promise<void>;
}

/** The page shape of every OData collection. */
export interface ODataPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const ODATA_JSON = 'application/json';

/**
 * One Defender HTTP call: limiter slot, bearer token (renewed once on 401), explicit timeout, and
 * error classification into DefenderApiError. Text that reaches an error message passes through a
 * redactor holding the current token, so a reflected token never leaks into step output or logs.
 */
export class DefenderHttp {
  private lastToken?: string;
  private readonly redact = redactor(() => [this.lastToken]);
  /** Consecutive 429s without Retry-After, per group, for exponential backoff. */
  private readonly throttleStreak = new Map<DefenderEndpointGroup, number>();

  constructor(
    readonly conn: ResolvedConnection,
    private readonly tokens: DefenderTokenSource,
    private readonly limiter: DefenderCallLimiter | undefined,
    private readonly logger: DefenderLogger,
  ) {}

  /** Sends the request and returns the parsed JSON body (undefined for an empty body). */
  async send<T>(req: DefenderRequest, absoluteUrl?: string): Promise<T> {
    const url = absoluteUrl ?? this.url(req.path, req.query);
    const group = req.group ?? 'default';
    let forceRefresh = false;
    for (let attempt = 1; ; attempt++) {
      // Token first, slot second: a slot is counted from the moment it is taken, so taking it only
      // when the request can leave at once keeps the window at Defender within the quota (a token
      // fetch can take seconds and would otherwise bunch up the calls that waited for it).
      const token = await this.tokens.getToken({ forceRefresh });
      await this.acquireSlot(group);
      this.lastToken = token.accessToken;
      const response = await this.fetch(req, url, token.accessToken, group);
      // A 401 can be a token revoked or rotated under us: renew once, then report.
      if (response.status === 401 && attempt === 1) {
        forceRefresh = true;
        await response.body?.cancel();
        continue;
      }
      return this.handle<T>(req, response, group);
    }
  }

  /**
   * Follows `@odata.nextLink` (see rebaseNextLink) until `limit` items or the last page; a nextLink
   * seen before ends paging instead of looping.
   */
  async list<T>(req: DefenderRequest, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let next: string | undefined;
    do {
      const page = await this.send<ODataPage<T>>(req, next);
      if (!page || !Array.isArray(page.value)) throw this.invalid(req, 'expected an OData collection');
      items.push(...page.value);
      const link = page['@odata.nextLink'];
      next = link ? rebaseNextLink(link, this.conn.apiBaseUrl) : undefined;
      if (next && seen.has(next)) {
        this.logger.warn({ connection: this.conn.name, operation: req.operation }, 'defender nextLink loop; paging stopped');
        break;
      }
      if (next) seen.add(next);
    } while (next && items.length < limit);
    return items.length > limit ? items.slice(0, limit) : items;
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(this.conn.apiBaseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    // URLSearchParams encodes spaces as '+', which OData servers read literally inside $filter.
    url.search = url.search.replace(/\+/g, '%20');
    return url.toString();
  }

  /** Takes a limiter slot; a refusal (the step will park) is measured as time spent waiting for a slot. */
  private async acquireSlot(group: DefenderEndpointGroup): Promise<void> {
    try {
      await this.limiter?.acquire({ tenantId: this.conn.tenantId, clientId: this.conn.clientId, connection: this.conn.name }, group);
    } catch (error) {
      if (error instanceof ActionError && error.code === DEFENDER_ERROR_CODES.rateLimited) {
        defenderRateLimitWait.observe({ group }, (error.options.retryAfterMs ?? 0) / 1000);
      }
      throw error;
    }
  }

  private fetch(req: DefenderRequest, url: string, token: string, group: DefenderEndpointGroup): Promise<Response> {
    return withSpan(`defender ${req.operation}`, { 'soar.defender.connection': this.conn.name, 'soar.defender.group': group }, () => this.sendOnce(req, url, token, group));
  }

  private async sendOnce(req: DefenderRequest, url: string, token: string, group: DefenderEndpointGroup): Promise<Response> {
    // Our id for the call, sent as `client-request-id` (Microsoft APIs echo it) so both sides' logs meet.
    const clientRequestId = randomUUID();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: ODATA_JSON, 'client-request-id': clientRequestId };
    if (req.body !== undefined) headers['content-type'] = ODATA_JSON;
    const started = Date.now();
    const measure = (status: string) => {
      defenderCalls.inc({ connection: this.conn.name, group, status });
      defenderCallDuration.observe({ group }, (Date.now() - started) / 1000);
      if (status === '429') defenderThrottled.inc({ connection: this.conn.name, group });
    };
    try {
      const response = await fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.conn.requestTimeoutMs),
      });
      measure(String(response.status));
      annotateSpan({ 'http.response.status_code': response.status, 'soar.defender.client_request_id': clientRequestId });
      // One line per call; the logger's correlation context adds run, step, attempt and correlation id.
      this.logger.info(
        {
          connection: this.conn.name,
          operation: req.operation,
          group,
          status: response.status,
          ms: Date.now() - started,
          clientRequestId,
          defenderRequestId: response.headers.get('request-id') ?? response.headers.get('x-ms-request-id') ?? undefined,
        },
        'defender call',
      );
      return response;
    } catch (error) {
      const name = (error as Error)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      measure(timedOut ? 'timeout' : 'network_error');
      this.logger.warn({ connection: this.conn.name, operation: req.operation, group, clientRequestId, ms: Date.now() - started, failure: timedOut ? 'timeout' : 'network_error' }, 'defender call failed');
      throw new DefenderApiError({
        code: timedOut ? DEFENDER_ERROR_CODES.timeout : DEFENDER_ERROR_CODES.networkError,
        message: this.redact(
          timedOut
            ? `Defender ${req.operation} timed out after ${this.conn.requestTimeoutMs} ms (connection "${this.conn.name}", ${urlTried(url)})`
            : `Defender ${req.operation} failed on the network (connection "${this.conn.name}", ${urlTried(url)}): ${describeNetworkError(error)}`,
        ),
        retryable: true,
        operation: req.operation,
        cause: error,
      });
    }
  }

  private async handle<T>(req: DefenderRequest, response: Response, group: DefenderEndpointGroup): Promise<T> {
    const text = await response.text().catch(() => '');
    if (response.ok) {
      this.throttleStreak.delete(group);
      if (!text.trim()) return undefined as T;
      try {
        return stripODataAnnotations(JSON.parse(text)) as T;
      } catch {
        throw this.invalid(req, `response body is not JSON (HTTP ${response.status})`);
      }
    }
    throw this.errorFor(req, response, text, group);
  }

  private errorFor(req: DefenderRequest, response: Response, text: string, group: DefenderEndpointGroup): DefenderApiError {
    const status = response.status;
    const body = parseErrorBody(text);
    const said = body.message ? ` Defender said: ${body.code ? `${body.code}: ` : ''}${body.message}` : '';
    const where = `Defender ${req.operation} on connection "${this.conn.name}"`;
    const base = {
      status,
      defenderCode: body.code,
      defenderMessage: body.message ? this.redact(body.message) : undefined,
      target: body.target,
      operation: req.operation,
    };
    const make = (code: string, message: string, retryable: boolean, retryAfterMs?: number) =>
      new DefenderApiError({ ...base, code, retryable, retryAfterMs, message: this.redact(message) });

    if (status === 429) {
      const streak = (this.throttleStreak.get(group) ?? 0) + 1;
      this.throttleStreak.set(group, streak);
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after')) ?? backoffWithJitterMs(streak);
      return make(DEFENDER_ERROR_CODES.throttled, `${where} was throttled (429); retry in ${Math.ceil(retryAfterMs / 1000)} s.${said}`, true, retryAfterMs);
    }
    if (status >= 500) {
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
      return make(DEFENDER_ERROR_CODES.serverError, `${where} failed with HTTP ${status}.${said}`, true, retryAfterMs);
    }
    switch (status) {
      case 401:
        return make(
          DEFENDER_ERROR_CODES.unauthorized,
          `${where} was refused (401 Unauthorized) even with a fresh token: check that the app registration belongs to tenant ${this.conn.tenantId} and that the scope is ${this.conn.scope}.${said}`,
          false,
        );
      case 403: {
        const permissionProblem = !body.code || body.code === 'Forbidden';
        return make(
          DEFENDER_ERROR_CODES.forbidden,
          permissionProblem
            ? `${where} was denied (403): the application (client ${this.conn.clientId}) needs the WindowsDefenderATP application permission ${formatPermissions(req.permissions)}, granted with admin consent.${said}`
            : `${where} was denied (403 ${body.code}).${said}`,
          false,
        );
      }
      case 404:
        return make(DEFENDER_ERROR_CODES.notFound, `${where}: not found (404).${said}`, false);
      case 409:
        return make(DEFENDER_ERROR_CODES.conflict, `${where}: conflict (409).${said}`, false);
      default:
        if (status === 400 && body.code === 'ActiveRequestAlreadyExists') {
          return make(DEFENDER_ERROR_CODES.actionAlreadyPending, `${where}: an action of this kind is already in progress.${said}`, false);
        }
        return make(DEFENDER_ERROR_CODES.badRequest, `${where} was rejected (HTTP ${status}).${said}`, false);
    }
  }

  private invalid(req: DefenderRequest, what: string): DefenderApiError {
    return new DefenderApiError({
      code: DEFENDER_ERROR_CODES.invalidResponse,
      message: `Defender ${req.operation} on connection "${this.conn.name}": ${what}`,
      retryable: true,
      operation: req.operation,
    });
  }
}

function formatPermissions(permissions: readonly string[]): string {
  if (permissions.length === 0) return '(none documented)';
  return permissions.length === 1 ? permissions[0]! : `(one of ${permissions.join(', ')})`;
}

function parseErrorBody(text: string): { code?: string; message?: string; target?: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; target?: unknown } };
    const e = parsed?.error;
    if (!e || typeof e !== 'object') return {};
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message.slice(0, 1000) : undefined,
      target: typeof e.target === 'string' ? e.target : undefined,
    };
  } catch {
    return {};
  }
}

function describeNetworkError(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  return [err?.message, err?.cause?.code ?? err?.cause?.message].filter(Boolean).join(': ');
}

/** Drops `@odata.context` and friends from an entity (not from collections: their nextLink is needed). */
function stripODataAnnotations(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.value) || '@odata.nextLink' in record) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) if (!key.startsWith('@odata.')) out[key] = v;
  return out;
}

/** The URL a failed call went to, without its query (enough to spot a wrong host or cloud). */
function urlTried(url: string): string {
  const u = new URL(url);
  return `URL tried: ${u.origin}${u.pathname}`;
}
