/**
 * Queues engine work. Job ids are derived from run, step, attempt and wait sequence, so enqueuing
 * the same work twice is a no-op (the second add finds the id taken).
 */
export interface JobScheduler {
  enqueueAdvance(runId: string, dedupeKey: string, options?: { delayMs?: number }): Promise<void>;
  enqueueStep(runId: string, stepId: string, options: { dedupeKey: string; delayMs?: number }): Promise<void>;
}
