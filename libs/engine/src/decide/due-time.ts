import type { WaitReason } from '@soar/contracts';
import type { StepSnapshot } from '../ports/run-store';

/**
 * Waits that only time ends. Approvals and sub-playbooks are woken by an event (a decision, the
 * child's end) before their stored time, so they are never held back; foreach is the advancer's.
 */
const TIMED_WAITS: ReadonlySet<WaitReason> = new Set(['retry', 'rate-limit', 'defender-action', 'timer']);

/**
 * How long until a step may go on (0 when it may now). A job can run before the time the step
 * stored: BullMQ re-delivers a stalled job at once when the worker died after storing a retry or a
 * park but before finishing the job, and that must not send a retry before Defender's Retry-After,
 * poll early or take a rate-limit slot before it is free.
 */
export function msUntilDue(step: StepSnapshot, now: Date): number {
  const wait = step.wait;
  if (!wait || !TIMED_WAITS.has(wait.reason)) return 0;
  const parked = step.status === 'waiting' || (step.status === 'queued' && wait.reason === 'retry');
  return parked ? Math.max(0, Date.parse(wait.resumeAt) - now.getTime()) : 0;
}
