import type { RunSnapshot, StepSnapshot } from './api-types';
import { describeError, describeRunChanges } from './describe-run-changes';

const step = (id: string, status: StepSnapshot['status'], extra: Partial<StepSnapshot> = {}): StepSnapshot => ({
  id,
  action: 'defender.alert.get',
  status,
  attempts: status === 'pending' ? 0 : 1,
  output: null,
  error: null,
  waitingFor: null,
  ...extra,
});
const run = (status: RunSnapshot['status'], steps: StepSnapshot[], extra: Partial<RunSnapshot> = {}): RunSnapshot => ({
  id: 'r1',
  playbook: 'p',
  version: 1,
  status,
  outcome: null,
  reason: null,
  error: null,
  steps,
  ...extra,
});

describe('describeRunChanges', () => {
  it('prints nothing for a fresh queued run', () => {
    expect(describeRunChanges(undefined, run('queued', [step('a', 'pending'), step('b', 'pending')]))).toEqual([]);
  });

  it('prints every non-pending step and the run status on the first poll', () => {
    expect(describeRunChanges(undefined, run('running', [step('a', 'succeeded'), step('b', 'running'), step('c', 'pending')]))).toEqual([
      'step a: succeeded',
      'step b: running',
      'run r1: running',
    ]);
  });

  it('prints only what changed, steps before the run', () => {
    const before = run('running', [step('a', 'succeeded'), step('b', 'running'), step('c', 'pending')]);
    const after = run('succeeded', [step('a', 'succeeded'), step('b', 'succeeded'), step('c', 'skipped')], { reason: 'all steps finished' });
    expect(describeRunChanges(before, after)).toEqual(['step b: succeeded', 'step c: skipped', 'run r1 succeeded']);
    expect(describeRunChanges(after, after)).toEqual([]);
  });

  it('shows retries, waits and failures', () => {
    const before = run('running', [step('a', 'running'), step('b', 'running'), step('c', 'running')]);
    const after = run('failed', [
      step('a', 'running', { attempts: 2 }),
      step('b', 'waiting', { waitingFor: { reason: 'machine-action', resumeAt: '2025-01-01T00:00:05.000Z' } }),
      step('c', 'failed', { attempts: 3, error: { code: 'DEFENDER_FORBIDDEN', message: 'missing Machine.Isolate' } }),
    ], { reason: 'step c failed' });
    expect(describeRunChanges(before, after)).toEqual([
      'step a: running (attempt 2)',
      'step b: waiting (machine-action until 2025-01-01T00:00:05.000Z)',
      'step c: failed (attempt 3): DEFENDER_FORBIDDEN: missing Machine.Isolate',
      'run r1 failed: step c failed',
    ]);
  });

  it('falls back to the run error when there is no reason', () => {
    const lines = describeRunChanges(undefined, run('cancelled', [], { error: { code: 'CANCELLED', message: 'cancelled by bob' } }));
    expect(lines).toEqual(['run r1 cancelled: CANCELLED: cancelled by bob']);
  });
});

describe('describeError', () => {
  it('reads {code, message} and shows anything else as short JSON', () => {
    expect(describeError({ message: 'boom' })).toBe('boom');
    expect(describeError('boom')).toBe('"boom"');
    expect(describeError({ detail: 'x'.repeat(400) })).toHaveLength(301);
  });
});
