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
  /**
   * Extra lines for a step that has just started waiting for an approval (its id and the command
   * that decides it). Not called again while the same step keeps waiting.
   */
  describeApproval?: (runId: string, stepId: string) => Promise<string[]>;
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
      for (const step of newlyWaitingForApproval(last, run)) for (const line of (await options.describeApproval?.(runId, step)) ?? []) print(line);
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

/** Steps waiting for an approval now that were not in the previous poll. */
function newlyWaitingForApproval(previous: RunSnapshot | undefined, current: RunSnapshot): string[] {
  const waiting = (run: RunSnapshot | undefined, id: string) =>
    run?.steps.some((s) => s.id === id && s.status === 'waiting' && s.waitingFor?.reason === 'approval') ?? false;
  return current.steps.filter((s) => waiting(current, s.id) && !waiting(previous, s.id)).map((s) => s.id);
}
