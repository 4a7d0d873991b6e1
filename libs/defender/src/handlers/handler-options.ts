import type { ActionContext } from '@soar/contracts';

/** Tuning for action handlers; every field has a default. */
export interface DefenderHandlerOptions {
  /** Give up waiting for a machine action after this long (a step's `wait.max_seconds` overrides it). Default 2 h. */
  maxActionWaitMs?: number;
  /** First poll delay after sending a machine action (`wait.poll_seconds`). Default 1000 ms. */
  pollInitialMs?: number;
  /** Longest poll delay (`wait.max_poll_seconds`). Default 30000 ms. */
  pollMaxMs?: number;
  /** How long a download link may answer 404 after its action succeeded before the step fails. Default 10 min. */
  linkWaitMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

export interface ResolvedHandlerOptions {
  maxActionWaitMs: number;
  pollInitialMs: number;
  pollMaxMs: number;
  linkWaitMs: number;
  now: () => number;
}

/** The wait bounds of one step, stored in its wait state so every poll uses the same ones. */
export interface StepWait {
  pollInitialMs: number;
  pollMaxMs: number;
  maxWaitMs: number;
}

export function resolveHandlerOptions(options: DefenderHandlerOptions = {}): ResolvedHandlerOptions {
  return {
    maxActionWaitMs: options.maxActionWaitMs ?? 2 * 60 * 60_000,
    pollInitialMs: options.pollInitialMs ?? 1000,
    pollMaxMs: options.pollMaxMs ?? 30_000,
    linkWaitMs: options.linkWaitMs ?? 10 * 60_000,
    now: options.now ?? Date.now,
  };
}

/** A step's `wait:` over the configured defaults. */
export function resolveStepWait(wait: ActionContext['wait'], options: ResolvedHandlerOptions): StepWait {
  const pollInitialMs = wait?.poll_seconds !== undefined ? wait.poll_seconds * 1000 : options.pollInitialMs;
  const pollMaxMs = wait?.max_poll_seconds !== undefined ? wait.max_poll_seconds * 1000 : Math.max(options.pollMaxMs, pollInitialMs);
  return { pollInitialMs, pollMaxMs: Math.max(pollMaxMs, pollInitialMs), maxWaitMs: wait?.max_seconds !== undefined ? wait.max_seconds * 1000 : options.maxActionWaitMs };
}

/** Poll delay after `polls` polls: initial × 1.6^polls, capped. */
export function pollDelayMs(polls: number, wait: Pick<StepWait, 'pollInitialMs' | 'pollMaxMs'>): number {
  return Math.min(wait.pollMaxMs, Math.round(wait.pollInitialMs * 1.6 ** polls));
}
