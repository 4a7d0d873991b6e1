/**
 * Queues engine work. Job ids are derived from run, step, attempt and wait sequence, so enqueuing
 * the same work twice is a no-op (the second add finds the id taken).
 */
/**
 * Who started a run, for the priority of its first job: by hand, by an alert or a schedule, or a
 * sub-playbook step of a run already under way.
 */
export type RunStartKind = 'manual' | 'triggered' | 'sub-run';

export interface JobScheduler {
  /**
   * `start` marks the first job of a new run with who started it: a run an analyst starts by hand
   * goes before alert-triggered and scheduled ones (docs/operations.md, "Priorities").
   */
  enqueueAdvance(runId: string, dedupeKey: string, options?: { delayMs?: number; start?: RunStartKind }): Promise<void>;
  enqueueStep(runId: string, stepId: string, options: { dedupeKey: string; delayMs?: number }): Promise<void>;
}
