import type { JsonValue, RunOutcome, RunStatus } from '@soar/contracts';

/** Starts and reads sub-playbook runs for `core.playbook` steps. */
export interface ChildRuns {
  /**
   * Starts a run of `playbook` as the child of a step attempt; a repeat for the same attempt
   * returns the same run. Throws a terminal ActionError for an unknown/disabled playbook or bad inputs.
   */
  start(request: { parentRunId: string; parentStepId: string; attempt: number; playbook: string; inputs: Record<string, JsonValue> }): Promise<{ runId: string }>;
  get(runId: string): Promise<{ status: RunStatus; outcome: RunOutcome | null; outputs: JsonValue; error: JsonValue } | null>;
}
