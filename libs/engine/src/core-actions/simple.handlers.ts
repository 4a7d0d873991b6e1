import { ActionError, CORE_ACTION_ERROR_CODES, type ActionHandler, type JsonValue } from '@soar/contracts';
import type { Clock } from '../ports/clock';

/** `core.set`: its output is the evaluated values. */
export const setHandler: ActionHandler = {
  execute: async (params) => ({ kind: 'done', output: (params as { values: JsonValue }).values }),
};

/** `core.fail`: a terminal failure with the playbook's message. */
export const failHandler: ActionHandler = {
  execute: async (params) => {
    throw new ActionError(CORE_ACTION_ERROR_CODES.playbookFailed, (params as { message: string }).message, false);
  },
};

/** `core.wait`: a durable timer; an early wake-up (e.g. the reconciler) just waits for the rest. */
export function waitHandler(clock: Clock): ActionHandler {
  const remaining = (until: string) => ({ kind: 'wait' as const, reason: 'timer' as const, resumeAfterMs: Math.max(0, Date.parse(until) - clock.now().getTime()), state: { until } });
  return {
    execute: async (params) => {
      const { seconds, until } = params as { seconds?: number; until?: string };
      const target = until ?? new Date(clock.now().getTime() + (seconds ?? 0) * 1000).toISOString();
      return Date.parse(target) <= clock.now().getTime() ? { kind: 'done', output: { resumed_at: clock.now().toISOString() } } : remaining(target);
    },
    resume: async (state) => {
      const { until } = state as { until: string };
      return Date.parse(until) <= clock.now().getTime() ? { kind: 'done', output: { resumed_at: clock.now().toISOString() } } : remaining(until);
    },
  };
}
