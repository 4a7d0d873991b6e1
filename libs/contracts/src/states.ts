/** Lifecycle of a run. Terminal states never change again. */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Lifecycle of one step of a run; every move is a conditional update from an expected state. */
export const STEP_STATUSES = [
  'pending',
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const TERMINAL_STEP_STATUSES: readonly StepStatus[] = ['succeeded', 'failed', 'skipped', 'cancelled'];

export const isTerminalRunStatus = (s: string): boolean => (TERMINAL_RUN_STATUSES as readonly string[]).includes(s);
export const isTerminalStepStatus = (s: string): boolean => (TERMINAL_STEP_STATUSES as readonly string[]).includes(s);
