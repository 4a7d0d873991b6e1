import { isTerminalRunStatus } from '@soar/contracts';
import { ApiUnreachableError, type SoarApiClient } from './api-client';
import type { RunSnapshot } from './api-types';
import { describeRunChanges } from './describe-run-changes';

export interface FollowRunOptions {
  /** Between two polls. Default 1000 ms. */
  intervalMs?: number;
  /** Give up after this long; undefined waits until the run ends (runs can wait days for an approval). */
  timeoutMs?: number;
  /**
   * Consecutive polls that may fail to reach the API before giving up, so an API restart or a
   * network blip does not end a long follow. Default 5.
   */
  maxUnreachablePolls?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type FollowOutcome = { kind: 'ended'; run: RunSnapshot } | { kind: 'timeout'; run: RunSnapshot | undefined };

/**
 * Polls GET /runs/{id} until the run reaches a terminal status (or the timeout), passing each
 * observed change to `print` as it happens. Polling rather than the events stream keeps this
 * working against any API version.
 */
export async function followRun(
  client: Pick<SoarApiClient, 'getRun'>,
  runId: string,
  print: (line: string) => void,
  options: FollowRunOptions = {},
): Promise<FollowOutcome> {
  const intervalMs = options.intervalMs ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const maxUnreachable = options.maxUnreachablePolls ?? 5;
  const deadline = options.timeoutMs === undefined ? Infinity : now() + options.timeoutMs;

  let last: RunSnapshot | undefined;
  let unreachable = 0;
  for (;;) {
    try {
      const run = await client.getRun(runId);
      unreachable = 0;
      for (const line of describeRunChanges(last, run)) print(line);
      last = run;
      if (isTerminalRunStatus(run.status)) return { kind: 'ended', run };
    } catch (error) {
      if (!(error instanceof ApiUnreachableError) || ++unreachable >= maxUnreachable) throw error;
    }
    const left = deadline - now();
    if (left <= 0) return { kind: 'timeout', run: last };
    await sleep(Math.min(intervalMs, left));
  }
}
