import type { StepStatus } from '@soar/contracts';
import type { StepWait } from './run-store';

export interface StaleStep {
  runId: string;
  stepId: string;
  status: Extract<StepStatus, 'queued' | 'running' | 'waiting'>;
  attempts: number;
  wait: StepWait | null;
}

/** Finds work Postgres says is active that may have lost its job (Redis restarted empty, a job lost). */
export interface StaleWorkFinder {
  /** Queued steps not touched for `olderThanMs`, running ones not touched for `runningOlderThanMs`, waits overdue by `olderThanMs`. */
  staleSteps(options: { olderThanMs: number; runningOlderThanMs: number; limit: number }): Promise<StaleStep[]>;
  /** Active runs with no queued, running or waiting step (an advance was lost), older than `olderThanMs`. */
  stalledRuns(options: { olderThanMs: number; limit: number }): Promise<string[]>;
}
