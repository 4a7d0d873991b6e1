import { ActionError, RateLimitedError, type JsonValue } from '@soar/contracts';

export interface DefenderApiErrorInit {
  code: string;
  message: string;
  retryable: boolean;
  /** HTTP status, when Defender (or the STS) answered. */
  status?: number;
  /** Defender's `error.code`, e.g. `ResourceNotFound`, `ActiveRequestAlreadyExists`. */
  defenderCode?: string;
  /** Defender's `error.message` (unstable text; never branch on it). */
  defenderMessage?: string;
  /** Defender's `error.target`: its per-request correlation id, worth quoting to Microsoft support. */
  target?: string;
  retryAfterMs?: number;
  /** The operation, e.g. `GET /api/machines/{id}` (ids kept, never query secrets or bodies). */
  operation?: string;
  cause?: unknown;
}

/**
 * A failed Defender call, classified for the engine: retryable for 429, 5xx, network errors and
 * timeouts (with `retryAfterMs` from Retry-After when given), terminal for other 4xx.
 */
export class DefenderApiError extends ActionError {
  readonly status?: number;
  readonly defenderCode?: string;
  readonly defenderMessage?: string;
  readonly target?: string;
  readonly operation?: string;

  constructor(init: DefenderApiErrorInit) {
    const details: { [key: string]: JsonValue } = {};
    if (init.defenderCode) details.defenderCode = init.defenderCode;
    if (init.defenderMessage) details.defenderMessage = init.defenderMessage;
    if (init.target) details.target = init.target;
    if (init.operation) details.operation = init.operation;
    super(init.code, init.message, init.retryable, {
      ...(init.retryAfterMs !== undefined ? { retryAfterMs: init.retryAfterMs } : {}),
      ...(init.status !== undefined ? { status: init.status } : {}),
      ...(Object.keys(details).length ? { details } : {}),
    });
    this.name = 'DefenderApiError';
    this.status = init.status;
    this.defenderCode = init.defenderCode;
    this.defenderMessage = init.defenderMessage;
    this.target = init.target;
    this.operation = init.operation;
    if (init.cause !== undefined) Object.defineProperty(this, 'cause', { value: init.cause, enumerable: false });
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}

/** Client-side throttling: no free slot in our limiter; the engine waits `retryAfterMs` durably. */
export function rateLimitedError(group: string, retryAfterMs: number): RateLimitedError {
  return new RateLimitedError(
    `Defender rate limit for endpoint group "${group}" reached; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    Math.max(1, Math.ceil(retryAfterMs)),
    { group },
  );
}
