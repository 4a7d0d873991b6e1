/**
 * How a finished run ended, beside its lifecycle `status` (shared decision of the wave: the engine
 * sets it, the API shows and filters by it). Null while the run is active.
 */
export const RUN_OUTCOMES = ['succeeded', 'partial', 'no_op', 'rejected', 'expired', 'failed', 'cancelled'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
