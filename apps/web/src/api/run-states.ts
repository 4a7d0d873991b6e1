import type { RunOutcome, RunStatus } from '@soar/contracts';

/**
 * Copies of the contract's RUN_STATUSES / RUN_OUTCOMES (libs/contracts/src/states.ts). Kept local
 * because importing values from @soar/contracts makes Vite bundle the whole contract (zod schemas,
 * zod-openapi) into the console; run-states.spec.ts fails the moment the two differ.
 */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];
export const RUN_OUTCOMES = ['succeeded', 'partial', 'no_op', 'rejected', 'expired', 'failed', 'cancelled'] as const satisfies readonly RunOutcome[];
export const ACTIVE_RUN_STATUSES: readonly string[] = ['queued', 'running', 'waiting'];
