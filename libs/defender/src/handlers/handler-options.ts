/** Tuning for action handlers; every field has a default. */
export interface DefenderHandlerOptions {
  /** Give up waiting for a machine action after this long. Default 2 h. */
  maxActionWaitMs?: number;
  /** First poll delay after sending a machine action. Default 1000 ms. */
  pollInitialMs?: number;
  /** Longest poll delay. Default 30000 ms. */
  pollMaxMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

export interface ResolvedHandlerOptions {
  maxActionWaitMs: number;
  pollInitialMs: number;
  pollMaxMs: number;
  now: () => number;
}

export function resolveHandlerOptions(options: DefenderHandlerOptions = {}): ResolvedHandlerOptions {
  return {
    maxActionWaitMs: options.maxActionWaitMs ?? 2 * 60 * 60_000,
    pollInitialMs: options.pollInitialMs ?? 1000,
    pollMaxMs: options.pollMaxMs ?? 30_000,
    now: options.now ?? Date.now,
  };
}

/** Poll delay after `polls` polls: initial × 1.6^polls, capped. */
export function pollDelayMs(polls: number, options: ResolvedHandlerOptions): number {
  return Math.min(options.pollMaxMs, Math.round(options.pollInitialMs * 1.6 ** polls));
}
