import { randomUUID } from 'node:crypto';

/**
 * The one place job keys and ids are made (queue, API, worker and engine all use it). A key names
 * the state that caused the job, so re-queuing the same work finds the id taken (BullMQ ignores the
 * duplicate) while new work always gets a new id.
 */
export const jobKeys = {
  /** The first advance of a new run. */
  start: (): string => 'start',
  /** The delayed advance at a run's `timeout_seconds` deadline. */
  runTimeout: (): string => 'run-timeout',
  /** The advance after a re-run request (each request is new work). */
  rerun: (at: Date): string => `rerun.${at.getTime()}`,
  /**
   * An advance after something happened to a step. Advancing is idempotent, so each request gets
   * its own job: a key that could repeat after a re-run must never swallow one.
   */
  afterStep: (stepId: string, what: string): string => `${stepId}.${what}.${randomUUID()}`,
  /** An advance the reconciler asks for (a run that lost its advance). */
  reconcile: (): string => `reconcile.${randomUUID()}`,
  /** The job that runs attempt `attempt` of a step (first try or retry). */
  attempt: (stepId: string, attempt: number): string => `${stepId}.${attempt}`,
  /** The resume of park number `seq` of an attempt. */
  wake: (stepId: string, attempt: number, seq: number): string => `${stepId}.${attempt}.w${seq}`,
  /**
   * A step's job that ran before the step's stored due time, queued again for that time. Each gets
   * its own id (the early job may itself be the one named by `attempt` or `wake`); the claim makes
   * any duplicate a no-op.
   */
  due: (stepId: string): string => `${stepId}.due.${randomUUID()}`,
  /** The resume of an approval step once someone decided. */
  decision: (stepId: string, attempt: number): string => `${stepId}.${attempt}.decision`,
  /** The resume of a `core.playbook` step once its sub-run ended. */
  childFinished: (stepId: string, attempt: number, childRunId: string): string => `${stepId}.${attempt}.child-${childRunId}`,
} as const;

export type JobKind = 'advance' | 'step';

/** The BullMQ job id of a key. BullMQ forbids ':' in custom ids; step ids are slugs and run ids UUIDs, so '.' is safe. */
export function jobId(kind: JobKind, runId: string, key: string): string {
  return `${kind}.${runId}.${key}`.replace(/:/g, '_');
}
