import { ActionError, DEFENDER_ERROR_CODES, RateLimitedError, type ActionOutcome, type JsonValue } from '@soar/contracts';

export const MAX_BATCH = 500;

/** Durable state of a batched step: what is left to send and what the sent batches returned. */
export interface BatchState<T, R> {
  remaining: T[];
  results: R[];
}

/**
 * Sends `remaining` in batches of at most 500. When a batch is throttled (our limiter or a 429)
 * after others went through, the step parks with the rest in its state instead of failing: a
 * restart would resend the finished batches and, with more batches than the per-minute quota,
 * could never complete.
 */
export async function runBatches<T, R>(
  state: BatchState<T, R>,
  send: (batch: T[]) => Promise<R[]>,
  finish: (results: R[]) => JsonValue,
): Promise<ActionOutcome> {
  let { remaining, results } = state;
  while (remaining.length > 0) {
    const batch = remaining.slice(0, MAX_BATCH);
    try {
      results = [...results, ...(await send(batch))];
    } catch (error) {
      const throttled = error instanceof RateLimitedError || (error instanceof ActionError && error.code === DEFENDER_ERROR_CODES.throttled);
      if (!throttled || results.length === 0) throw error;
      return {
        kind: 'wait',
        reason: 'rate-limit',
        resumeAfterMs: (error as ActionError).options.retryAfterMs ?? 1000,
        state: { remaining, results } as unknown as JsonValue,
      };
    }
    remaining = remaining.slice(batch.length);
  }
  return { kind: 'done', output: finish(results) };
}

export function parseBatchState<T, R>(raw: JsonValue): BatchState<T, R> {
  const s = raw as { remaining?: unknown; results?: unknown } | null;
  if (!s || !Array.isArray(s.remaining) || !Array.isArray(s.results)) {
    throw new ActionError(DEFENDER_ERROR_CODES.invalidParams, 'Malformed batch state', false);
  }
  return { remaining: s.remaining as T[], results: s.results as R[] };
}
