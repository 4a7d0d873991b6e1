import { isTerminalRunStatus } from '@soar/contracts';
import type { RunSnapshot, StepSnapshot } from './api-types';

/**
 * The lines to print when a followed run moves from `previous` to `current` (two polls): one per
 * step whose status or attempt changed, then the run's own status when it changed. Polling can
 * miss short-lived states (a step may go from pending to succeeded between two polls); the final
 * state of every step is always printed. Steps still `pending` are not printed.
 */
export function describeRunChanges(previous: RunSnapshot | undefined, current: RunSnapshot): string[] {
  const lines: string[] = [];
  for (const step of current.steps) {
    const before = previous?.steps.find((s) => s.id === step.id);
    const changed = before ? before.status !== step.status || before.attempts !== step.attempts : step.status !== 'pending';
    if (changed) lines.push(describeStep(step));
  }
  if (previous ? previous.status !== current.status : current.status !== 'queued') lines.push(describeRun(current));
  return lines;
}

/** `step isolate: running (attempt 2)`, `step wait: waiting (approval until …)`, `step x: failed: CODE: message`. */
export function describeStep(step: StepSnapshot): string {
  let line = `step ${step.id}: ${step.status}`;
  if (step.attempts > 1) line += ` (attempt ${step.attempts})`;
  if (step.status === 'waiting' && step.waitingFor) {
    line += ` (${step.waitingFor.reason}${step.waitingFor.resumeAt ? ` until ${step.waitingFor.resumeAt}` : ''})`;
  }
  if (step.status === 'failed' && step.error != null) line += `: ${describeError(step.error)}`;
  return line;
}

/** `run <id>: running`, or when it ends `run <id> succeeded` / `run <id> failed: <reason>`. */
export function describeRun(run: RunSnapshot): string {
  if (!isTerminalRunStatus(run.status)) return `run ${run.id}: ${run.status}`;
  const why = run.status !== 'succeeded' ? (run.reason ?? (run.error != null ? describeError(run.error) : undefined)) : undefined;
  return `run ${run.id} ${run.status}${why ? `: ${why}` : ''}`;
}

/** Step and run errors are `{code, message, ...}` objects; anything else is shown as JSON. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    const code = 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    return `${code}${error.message}`.replace(/\s*\r?\n\s*/g, ' ');
  }
  const json = JSON.stringify(error) ?? String(error);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}
