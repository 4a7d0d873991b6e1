import type { z } from 'zod';
import {
  apiKeyListSchema,
  apiKeySummarySchema,
  createdApiKeySchema,
  type ApiKeyListDto,
  type ApiKeySummaryDto,
  type CreateApiKeyBodyDto,
  type CreatedApiKeyDto,
  approvalDecisionSchema,
  approvalListSchema,
  cancelledRunSchema,
  connectionCheckSchema,
  HTTP_ROUTES,
  playbookDetailSchema,
  runListSchema,
  type ApprovalDecisionDto,
  type ApprovalListDto,
  type CancelledRunDto,
  type ConnectionCheckDto,
  type HttpRouteId,
  type PlaybookDetailDto,
  type RunListDto,
  type RunListQueryDto,
} from '@soar/contracts';
import type { ApiTarget } from './api-target';
import {
  errorBodySchema,
  runSnapshotSchema,
  savedPlaybookAnswer,
  startedRunAnswer,
  type ApiErrorDetail,
  type RunSnapshot,
  type SavedPlaybook,
  type StartedRun,
} from './api-types';
import { CliError } from './cli-error';

/** An answer the caller expects and reports itself (e.g. a 400 listing playbook problems). */
export type ApiResult<T> = { ok: true; status: number; value: T } | { ok: false; status: number; error: ApiErrorDetail };

/** No HTTP answer at all: connection refused, DNS failure, timeout. Following a run retries these. */
export class ApiUnreachableError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'ApiUnreachableError';
  }
}

export interface ApiClientOptions {
  /** Per request. Default 30 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Body = { yaml: Uint8Array } | { json: unknown };

/**
 * The SOAR HTTP API as the CLI uses it. Answers the caller can act on come back as ApiResult;
 * everything else (unreachable, 401/403, 5xx, an answer that is not the SOAR API's) throws a
 * CliError naming the URL tried. The API key is sent as a Bearer header and never appears in
 * messages.
 */
export class SoarApiClient {
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly target: ApiTarget,
    options: ApiClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** POST /playbooks (HTTP_ROUTES.savePlaybook): 201 created or 200 unchanged; 400 (problems) and 413 are results. */
  async savePlaybook(source: Uint8Array): Promise<ApiResult<SavedPlaybook>> {
    const res = await this.send('savePlaybook', {}, { yaml: source });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, savedPlaybookAnswer) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 413]) };
  }

  /** POST /playbooks/{name}/runs (HTTP_ROUTES.startRun): 202; bad inputs (400), unknown (404) and disabled (409) are results. */
  async startRun(playbook: string, inputs: Record<string, unknown>): Promise<ApiResult<StartedRun>> {
    const res = await this.send('startRun', { name: playbook }, { json: { inputs } });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, startedRunAnswer) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 404, 409]) };
  }

  /** GET /playbooks/{name} (HTTP_ROUTES.getPlaybook): its declared inputs; unknown (404) or a bad name (400) is a result. */
  async getPlaybook(name: string): Promise<ApiResult<PlaybookDetailDto>> {
    const res = await this.send('getPlaybook', { name });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, playbookDetailSchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 404]) };
  }

  /** GET /runs (HTTP_ROUTES.listRuns): newest first; a bad filter (400) is a result. */
  async listRuns(query: { [K in keyof RunListQueryDto]?: string | number }): Promise<ApiResult<RunListDto>> {
    const res = await this.send('listRuns', {}, undefined, query);
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, runListSchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400]) };
  }

  /** GET /approvals (HTTP_ROUTES.listApprovals): pending decisions, oldest first. */
  async listApprovals(): Promise<ApprovalListDto> {
    const res = await this.send('listApprovals', {});
    if (isSuccess(res)) return this.parse(res, approvalListSchema);
    throw this.unexpectedError(res);
  }

  /** POST /approvals/{id}/decision (HTTP_ROUTES.decideApproval); not an approver (403), unknown (404) or already decided (409) is a result. */
  async decideApproval(id: string, decision: 'approve' | 'reject', comment: string | undefined): Promise<ApiResult<ApprovalDecisionDto>> {
    const res = await this.send('decideApproval', { id }, { json: comment === undefined ? { decision } : { decision, comment } });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, approvalDecisionSchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 403, 404, 409]) };
  }

  /** POST /runs/{id}/cancel (HTTP_ROUTES.cancelRun); unknown (404), bad id (400) or already ended (409) is a result. */
  async cancelRun(runId: string): Promise<ApiResult<CancelledRunDto>> {
    const res = await this.send('cancelRun', { id: runId });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, cancelledRunSchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 404, 409]) };
  }

  /** GET /connections/{name}/check (HTTP_ROUTES.checkConnection); an unknown connection (404) or a bad name (400) is a result. */
  async checkConnection(name: string): Promise<ApiResult<ConnectionCheckDto>> {
    const res = await this.send('checkConnection', { name });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, connectionCheckSchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 404]) };
  }

  /** POST /keys (HTTP_ROUTES.createApiKey, admin): the key, shown once; bad input (400) and a taken name (409) are results. */
  async createApiKey(request: CreateApiKeyBodyDto): Promise<ApiResult<CreatedApiKeyDto>> {
    const res = await this.send('createApiKey', {}, { json: request });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, createdApiKeySchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 409]) };
  }

  /** GET /keys (HTTP_ROUTES.listApiKeys, admin): stored keys without their secrets. */
  async listApiKeys(): Promise<ApiKeyListDto> {
    const res = await this.send('listApiKeys', {});
    if (isSuccess(res)) return this.parse(res, apiKeyListSchema);
    throw this.unexpectedError(res);
  }

  /** DELETE /keys/{id} (HTTP_ROUTES.revokeApiKey, admin); an unknown (404) or malformed (400) id is a result. */
  async revokeApiKey(id: string): Promise<ApiResult<ApiKeySummaryDto>> {
    const res = await this.send('revokeApiKey', { id });
    if (isSuccess(res)) return { ok: true, status: res.status, value: this.parse(res, apiKeySummarySchema) };
    return { ok: false, status: res.status, error: this.expectedError(res, [400, 404]) };
  }

  /** GET /runs/{id} (HTTP_ROUTES.getRun); a missing run is a CliError. */
  async getRun(runId: string): Promise<RunSnapshot> {
    // Following polls every second: the summary view leaves out parameters and attempt outputs.
    const res = await this.send('getRun', { id: runId }, undefined, { view: 'summary' });
    if (isSuccess(res)) return this.parse(res, runSnapshotSchema);
    throw this.unexpectedError(res);
  }

  /** Calls a route of the API's contract (HTTP_ROUTES); the base URL already ends with `/api`. */
  private async send(route: HttpRouteId, params: Record<string, string>, body?: Body, query: Record<string, string | number | undefined> = {}): Promise<Answer> {
    const { method: verb, path: template } = HTTP_ROUTES[route];
    const method = verb.toUpperCase();
    const path = template.replace(/^\/api/, '').replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const url = `${this.target.baseUrl}${path}${search.size ? `?${search}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.target.token) headers.authorization = `Bearer ${this.target.token}`;
    if (body) headers['content-type'] = 'yaml' in body ? 'application/yaml' : 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        body: body ? ('yaml' in body ? body.yaml : JSON.stringify(body.json)) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new ApiUnreachableError(
        `cannot reach the SOAR API at ${url} (${describeNetworkError(error, this.timeoutMs)}); is it running? Set --api or SOAR_API_URL to its URL.`,
      );
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { url, status: response.status, json, contentType: response.headers.get('content-type') ?? '' };
  }

  private parse<S extends z.ZodType>(res: Answer, schema: S): z.infer<S> {
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) throw this.notSoarApi(res);
    return parsed.data;
  }

  /** The error body of an answer the caller handles; any other status is thrown. */
  private expectedError(res: Answer, expected: readonly number[]): ApiErrorDetail {
    const body = errorBodySchema.safeParse(res.json);
    if (body.success && expected.includes(res.status)) return body.data.error;
    throw this.unexpectedError(res);
  }

  private unexpectedError(res: Answer): CliError {
    const body = errorBodySchema.safeParse(res.json);
    if (!body.success) return this.notSoarApi(res);
    const { message, code, correlationId } = body.data.error;
    const where = `HTTP ${res.status} from ${res.url}: ${message} [${code}]`;
    // 403 names the role the route needs: the key was accepted, its roles fall short.
    if (res.status === 401) {
      const hint = this.target.token ? 'the API key was not accepted' : 'this API requires an API key';
      return new CliError(`${where}; ${hint}: set SOAR_API_TOKEN (or --token)`);
    }
    return new CliError(`${where}${correlationId ? ` (correlation id ${correlationId})` : ''}`);
  }

  private notSoarApi(res: Answer): CliError {
    const what = `HTTP ${res.status}${res.contentType ? `, ${res.contentType}` : ''}`;
    return new CliError(`unexpected answer from ${res.url} (${what}); is ${this.target.baseUrl} the SOAR API?`);
  }
}

interface Answer {
  url: string;
  status: number;
  json: unknown;
  contentType: string;
}

const isSuccess = (res: Answer): boolean => res.status >= 200 && res.status < 300;

/** fetch wraps the reason in `cause` (ECONNREFUSED, ENOTFOUND, certificate errors...). */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `no answer within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`;
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error);
}
