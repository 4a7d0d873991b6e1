import { ApiUnreachableError } from './api-client';
import type { RunSnapshot } from './api-types';
import { CliError } from './cli-error';
import { followRun } from './follow-run';

const snapshot = (status: RunSnapshot['status'], stepStatus: RunSnapshot['steps'][number]['status']): RunSnapshot => ({
  id: 'r1',
  playbook: 'p',
  version: 1,
  status,
  outcome: null,
  reason: null,
  error: null,
  steps: [{ id: 'a', action: 'core.set', status: stepStatus, attempts: stepStatus === 'pending' ? 0 : 1, output: null, error: null, waitingFor: null }],
});

/** A clock that only moves when the code under test sleeps. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** getRun answering from a script: a snapshot, or an error to throw. */
function scripted(answers: Array<RunSnapshot | Error>) {
  const getRun = jest.fn(async () => {
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (next instanceof Error) throw next;
    return next;
  });
  return { getRun };
}

describe('followRun', () => {
  it('polls every second and prints changes until the run ends', async () => {
    const clock = fakeClock();
    const lines: string[] = [];
    const client = scripted([snapshot('queued', 'pending'), snapshot('running', 'running'), snapshot('running', 'running'), snapshot('succeeded', 'succeeded')]);
    const outcome = await followRun(client, 'r1', (l) => lines.push(l), clock);
    expect(outcome).toMatchObject({ kind: 'ended', run: { status: 'succeeded' } });
    expect(lines).toEqual(['step a: running', 'run r1: running', 'step a: succeeded', 'run r1 succeeded']);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(client.getRun).toHaveBeenCalledTimes(4);
  });

  it('stops at the timeout with the last state seen, polling once more at the deadline', async () => {
    const clock = fakeClock();
    const client = scripted([snapshot('running', 'running')]);
    const outcome = await followRun(client, 'r1', () => undefined, { ...clock, timeoutMs: 2500 });
    expect(outcome).toMatchObject({ kind: 'timeout', run: { status: 'running' } });
    expect(clock.sleeps).toEqual([1000, 1000, 500]);
    expect(client.getRun).toHaveBeenCalledTimes(4);
  });

  it('rides out a few unreachable polls', async () => {
    const down = new ApiUnreachableError('cannot reach');
    const client = scripted([snapshot('running', 'running'), down, down, snapshot('succeeded', 'succeeded')]);
    const outcome = await followRun(client, 'r1', () => undefined, { ...fakeClock(), maxUnreachablePolls: 3 });
    expect(outcome.kind).toBe('ended');
  });

  it('gives up after too many unreachable polls in a row, and at once on other errors', async () => {
    const down = new ApiUnreachableError('cannot reach');
    await expect(followRun(scripted([snapshot('running', 'running'), down]), 'r1', () => undefined, { ...fakeClock(), maxUnreachablePolls: 3 })).rejects.toBe(down);
    const refused = new CliError('HTTP 401');
    await expect(followRun(scripted([refused]), 'r1', () => undefined, fakeClock())).rejects.toBe(refused);
  });
});

describe('followRun, approvals', () => {
  const waitingForApproval = (): RunSnapshot => ({
    ...snapshot('waiting', 'waiting'),
    steps: [{ id: 'a', action: 'core.approval', status: 'waiting', attempts: 1, output: null, error: null, waitingFor: { reason: 'approval', resumeAt: '2026-12-01T16:00:00.000Z' } }],
  });

  it('asks for the approval lines once, when the step starts waiting for an approval', async () => {
    const client = scripted([snapshot('running', 'running'), waitingForApproval(), waitingForApproval(), snapshot('succeeded', 'succeeded')]);
    const describeApproval = jest.fn(async (runId: string, stepId: string) => [`approval for ${runId}/${stepId}`]);
    const lines: string[] = [];
    await followRun(client, 'r1', (l) => lines.push(l), { ...fakeClock(), describeApproval });
    expect(describeApproval.mock.calls).toEqual([['r1', 'a']]);
    expect(lines).toEqual(['step a: running', 'run r1: running', 'step a: waiting (approval until 2026-12-01T16:00:00.000Z)', 'run r1: waiting', 'approval for r1/a', 'step a: succeeded', 'run r1 succeeded']);
  });
});
