import ipaddr from 'ipaddr.js';
import { Agent, fetch, type Response } from 'undici';
import { ActionError, CORE_ACTION_ERROR_CODES, type ActionHandler, type JsonValue } from '@soar/contracts';
import { AddressPolicy } from './outbound/address-policy';
import { AddressRefusedError, pinnedLookup, systemResolver, type Resolver } from './outbound/pinned-lookup';
import { allowedOriginFor, hostOf, type AllowedOrigin } from './outbound/webhook-allow-list';

interface WebhookParams {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: JsonValue;
  timeout_seconds: number;
}

export interface WebhookHandlerOptions {
  /** `WEBHOOK_ALLOWED_HOSTS`, parsed. */
  allowed: readonly AllowedOrigin[];
  /** `WEBHOOK_PRIVATE_NETWORKS`: CIDRs a host name may resolve into. */
  privateNetworks?: readonly string[];
  /** DNS resolution; tests stand in for DNS here. Default: the system resolver. */
  resolve?: Resolver;
}

const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * `core.webhook`: an HTTP call to an origin on the allow-list (Teams, Slack, a ticketing system).
 * The origin must match an entry exactly (scheme, host and port); the address connected to must
 * be public unless allowed explicitly, checked on the resolved address the socket uses (undici's
 * `connect.lookup`, see pinned-lookup.ts). Redirects are not followed, so an allowed host cannot
 * bounce the call elsewhere. 429 and 5xx are retryable; other 4xx are terminal. Response bodies
 * are capped before storing.
 */
export function webhookHandler(options: WebhookHandlerOptions): ActionHandler {
  const policy = new AddressPolicy(new Set(options.allowed.map((o) => o.host)), options.privateNetworks ?? []);
  const agent = new Agent({ connect: { lookup: pinnedLookup(policy, options.resolve ?? systemResolver) } });
  return {
    execute: async (params) => {
      const p = params as unknown as WebhookParams;
      const url = new URL(p.url);
      if (!allowedOriginFor(url, options.allowed)) {
        throw new ActionError(CORE_ACTION_ERROR_CODES.webhookHostNotAllowed, `${url.protocol}//${url.host} is not on the webhook allow-list (WEBHOOK_ALLOWED_HOSTS names scheme, host and port)`, false);
      }
      // An IP literal is connected to without any lookup: check it here.
      const literal = hostOf(url);
      const refused = ipaddr.isValid(literal) ? policy.refusal(literal, literal) : undefined;
      if (refused) throw new ActionError(CORE_ACTION_ERROR_CODES.webhookAddressNotAllowed, `${url.host} is ${refused}, which webhooks may not call`, false);

      const isJson = p.body !== undefined && typeof p.body !== 'string';
      let response: Response;
      try {
        response = await fetch(url, {
          method: p.method,
          redirect: 'manual',
          dispatcher: agent,
          headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...p.headers },
          body: p.body === undefined ? undefined : isJson ? JSON.stringify(p.body) : (p.body as string),
          signal: AbortSignal.timeout(p.timeout_seconds * 1000),
        });
      } catch (error) {
        const cause = findCause(error);
        if (cause instanceof AddressRefusedError) throw new ActionError(CORE_ACTION_ERROR_CODES.webhookAddressNotAllowed, `${url.host}: ${cause.message}`, false);
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

/** undici wraps connection errors (`fetch failed`, cause: the lookup's error). */
function findCause(error: unknown): unknown {
  let current: unknown = error;
  for (let i = 0; i < 5 && current instanceof Error; i++) {
    if (current instanceof AddressRefusedError) return current;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return current;
}
