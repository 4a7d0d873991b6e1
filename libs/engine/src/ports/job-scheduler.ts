/**
 * Queues engine work. Job ids are derived from run, step, attempt and wait sequence, so enqueuing
 * the same work twice is a no-op (the second add finds the id taken).
 */
/**
 * Who started a run, for the priority of its first job: by hand, by an alert or a schedule, or a
 * sub-playbook step of a run already under way.
 */
export type RunStartKind = 'manual' | 'triggered' | 'sub-run';

/**
 * Whose run a step job belongs to, for its priority: a run an analyst started by hand, or one an
 * alert, a schedule or a parent playbook started. A step job without one is control work (a resume
 * after a decision, the reconciler's re-queue) and goes first.
 */
export type RunLane = 'manual' | 'triggered';

/** The lane of a run from its stored trigger (`{ type: 'manual' }` for runs started by hand). */
export function runLane(trigger: unknown): RunLane {
  const type = (trigger as { type?: unknown } | null | undefined)?.type;
  return type === undefined || type === 'manual' ? 'manual' : 'triggered';
}

export interface JobScheduler {
  /**
   * `start` marks the first job of a new run with who started it: a run an analyst starts by hand
   * goes before alert-triggered and scheduled ones (docs/operations.md, "Priorities").
   */
  enqueueAdvance(runId: string, dedupeKey: string, options?: { delayMs?: number; start?: RunStartKind }): Promise<void>;
  /**
   * `lane` gives the step the priority of its run's kind (steps of runs started by hand first);
   * `start` marks the first step of a new run, queued by the start itself: it takes a new run's
   * priority instead, behind the steps of runs already under way.
   */
  enqueueStep(runId: string, stepId: string, options: { dedupeKey: string; delayMs?: number; lane?: RunLane; start?: RunStartKind }): Promise<void>;
}
