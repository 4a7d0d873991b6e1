import { ActionError, CORE_ACTION_ERROR_CODES, type ActionHandler, type JsonValue } from '@soar/contracts';

interface WebhookParams {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: JsonValue;
  timeout_seconds: number;
}

const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * `core.webhook`: an HTTP call to a host on the configured allow-list (Teams, Slack, a ticketing
 * system). Redirects are not followed, so an allowed host cannot bounce the call elsewhere.
 * 429 and 5xx are retryable; other 4xx are terminal. Response bodies are capped before storing.
 */
export function webhookHandler(allowedHosts: readonly string[]): ActionHandler {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return {
    execute: async (params) => {
      const p = params as unknown as WebhookParams;
      const url = new URL(p.url);
      if (!allowed.has(url.host.toLowerCase()) && !allowed.has(url.hostname.toLowerCase())) {
        throw new ActionError(CORE_ACTION_ERROR_CODES.webhookHostNotAllowed, `host ${url.host} is not on the webhook allow-list (WEBHOOK_ALLOWED_HOSTS)`, false);
      }
      const isJson = p.body !== undefined && typeof p.body !== 'string';
      let response: Response;
      try {
        response = await fetch(url, {
          method: p.method,
          redirect: 'manual',
          headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...p.headers },
          body: p.body === undefined ? undefined : isJson ? JSON.stringify(p.body) : (p.body as string),
          signal: AbortSignal.timeout(p.timeout_seconds * 1000),
        });
      } catch (error) {
        throw new ActionError(CORE_ACTION_ERROR_CODES.webhookUnreachable, `webhook ${url.host} did not answer: ${(error as Error).name}`, true);
      }
      const text = (await response.text()).slice(0, MAX_RESPONSE_BYTES);
      if (response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new ActionError(CORE_ACTION_ERROR_CODES.webhookHttpError, `webhook ${url.host} answered ${response.status}`, true, {
          status: response.status,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        });
      }
      if (response.status >= 400) throw new ActionError(CORE_ACTION_ERROR_CODES.webhookHttpError, `webhook ${url.host} answered ${response.status}`, false, { status: response.status });
      let body: JsonValue = text;
      try {
        body = text ? (JSON.parse(text) as JsonValue) : null;
      } catch {
        // not JSON: keep the text
      }
      return { kind: 'done', output: { status: response.status, headers: Object.fromEntries(response.headers), body } };
    },
  };
}
