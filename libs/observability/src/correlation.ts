import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What ties a log line, a queued job and a Defender call to the request that caused them. The API
 * opens a context per HTTP request; queued jobs carry `correlationId` in their payload and the
 * worker reopens the context around each job; handlers add the step and attempt.
 */
export interface CorrelationContext {
  correlationId?: string;
  runId?: string;
  stepId?: string;
  attempt?: number;
  jobId?: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** Runs `fn` with `context` merged over the current one (inner values win). */
export function withCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  const merged = { ...storage.getStore(), ...definedOnly(context) };
  return storage.run(merged, fn);
}

/** The context of the code running now ({} outside any request or job). */
export function currentCorrelation(): CorrelationContext {
  return storage.getStore() ?? {};
}

/** Accepts a caller's correlation id only when it is short and plain (it ends up in every log line). */
export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value);
}

function definedOnly(context: CorrelationContext): CorrelationContext {
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as CorrelationContext;
}
