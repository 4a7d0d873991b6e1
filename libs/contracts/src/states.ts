/** Lifecycle of a run. Terminal states never change again. */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

/**
 * How a finished run ended, for the analyst (`status` stays the lifecycle). `partial` and `no_op`
 * come from the playbook's `outcome:` rules; `rejected`/`expired` from an approval; `succeeded`,
 * `failed`, `cancelled` otherwise. Null while the run is active.
 */
export const RUN_OUTCOMES = ['succeeded', 'partial', 'no_op', 'rejected', 'expired', 'failed', 'cancelled'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
/** Outcomes a playbook's `outcome:` rule may declare (the others come from the engine). */
export const RULE_OUTCOMES = ['succeeded', 'partial', 'no_op'] as const satisfies readonly RunOutcome[];
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

/**
 * The uniform `result` field of step outputs. The engine sets `done` when a handler does not set
 * one; Defender machine actions report done | already | adopted | conflict | failed | timed_out | cancelled.
 */
export const DEFAULT_STEP_RESULT = 'done';

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
