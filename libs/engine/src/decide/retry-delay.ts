import type { StepDefinition } from '@soar/playbook';

/**
 * Delay before the next attempt of a failed step: the step's backoff policy with full jitter on the
 * exponential form (so many runs throttled together do not retry in lockstep), but never earlier than
 * the service asked for (Defender's Retry-After).
 */
export function retryDelayMs(policy: StepDefinition['retry'], failedAttempt: number, retryAfterMs = 0, random = Math.random): number {
  const base = policy.delay_seconds * 1000;
  const cap = policy.max_delay_seconds * 1000;
  const backoff =
    policy.backoff === 'exponential' ? Math.min(cap, base * 2 ** (failedAttempt - 1)) * (0.5 + random() / 2) : Math.min(cap, base);
  return Math.max(Math.round(backoff), retryAfterMs);
}
