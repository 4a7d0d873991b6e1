import type { ActionContext, ActionHandler, ActionOutcome } from '@soar/contracts';
import { stepDuration, withCorrelation } from '@soar/observability';

/**
 * Wraps every action handler so each call (execute or resume) is timed on /metrics and runs with
 * the step and attempt in its correlation context: every log line below it, each Defender call
 * included, names the run, step and attempt.
 */
export function instrumentHandlers(handlers: Map<string, ActionHandler>): Map<string, ActionHandler> {
  const wrapped = new Map<string, ActionHandler>();
  for (const [action, handler] of handlers) {
    const measure = (ctx: ActionContext, call: () => Promise<ActionOutcome>) =>
      withCorrelation({ runId: ctx.runId, stepId: ctx.stepId, attempt: ctx.attempt }, async () => {
        const stop = stepDuration.startTimer({ action });
        try {
          const outcome = await call();
          stop({ result: resultLabel(outcome) });
          return outcome;
        } catch (error) {
          stop({ result: 'error' });
          throw error;
        }
      });
    wrapped.set(action, {
      execute: (params, ctx) => measure(ctx, () => handler.execute(params, ctx)),
      ...(handler.resume ? { resume: (state, ctx) => measure(ctx, () => handler.resume!(state, ctx)) } : {}),
    });
  }
  return wrapped;
}

/** `done` outputs carry a uniform `result` (done, already, adopted, …); a wait is labelled by its reason. */
function resultLabel(outcome: ActionOutcome): string {
  if (outcome.kind === 'wait') return `wait:${outcome.reason}`;
  const output = outcome.output as { result?: unknown } | null;
  return output && typeof output === 'object' && typeof output.result === 'string' ? output.result : 'done';
}
