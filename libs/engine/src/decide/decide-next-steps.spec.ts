import type { StepStatus } from '@soar/contracts';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import { decideNextSteps } from './decide-next-steps';

const step = (id: string, needs: string[], extra: Partial<StepDefinition> = {}): StepDefinition => ({
  id,
  action: 'defender.alert.get',
  with: {},
  needs,
  retry: { attempts: 3, backoff: 'exponential', delay_seconds: 2, max_delay_seconds: 60 },
  on_error: 'fail',
  ...extra,
});

const playbook = (steps: StepDefinition[]): PlaybookDefinition =>
  ({ name: 'p', title: 'p', description: '', tags: [], connection: 'default', inputs: [], triggers: [], steps, on_failure: [], outputs: {} }) as PlaybookDefinition;

const statuses = (entries: Record<string, StepStatus>) => new Map(Object.entries(entries));

// a → (b, c in parallel) → d (join)
const diamond = playbook([step('a', []), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])]);

describe('decideNextSteps', () => {
  it.each([
    ['a new run queues the root step', { a: 'pending', b: 'pending', c: 'pending', d: 'pending' }, ['a']],
    ['both branches start when the root succeeds', { a: 'succeeded', b: 'pending', c: 'pending', d: 'pending' }, ['b', 'c']],
    ['the join waits for every branch', { a: 'succeeded', b: 'succeeded', c: 'running', d: 'pending' }, []],
    ['the join starts when both branches are done', { a: 'succeeded', b: 'succeeded', c: 'succeeded', d: 'pending' }, ['d']],
    ['nothing is queued twice', { a: 'succeeded', b: 'queued', c: 'waiting', d: 'pending' }, []],
  ] as const)('%s', (_, state, ready) => {
    const decision = decideNextSteps(diamond, statuses(state));
    expect(decision.ready).toEqual(ready);
    expect(decision.runOutcome).toBeUndefined();
  });

  it('skips every dependant of a skipped step, through the whole chain, and then finishes the run', () => {
    const decision = decideNextSteps(diamond, statuses({ a: 'skipped', b: 'pending', c: 'pending', d: 'pending' }));
    expect(decision.ready).toEqual([]);
    expect(decision.skip.map((s) => s.stepId)).toEqual(['b', 'c', 'd']);
    expect(decision.skip[0]!.reason).toBe('dependency a was skipped');
    expect(decision.runOutcome).toEqual({ status: 'succeeded', reason: 'all steps finished' });
  });

  it('fails the run when a step fails and starts nothing else', () => {
    const decision = decideNextSteps(diamond, statuses({ a: 'succeeded', b: 'failed', c: 'pending', d: 'pending' }));
    expect(decision).toEqual({ ready: [], skip: [], runOutcome: { status: 'failed', reason: 'step b failed' } });
  });

  it('lets dependants run after a failed step marked on_error: continue', () => {
    const tolerant = playbook([step('a', [], { on_error: 'continue' }), step('b', ['a'])]);
    const decision = decideNextSteps(tolerant, statuses({ a: 'failed', b: 'pending' }));
    expect(decision.ready).toEqual(['b']);
    expect(decision.runOutcome).toBeUndefined();
  });

  it('succeeds the run once every step is terminal', () => {
    const decision = decideNextSteps(diamond, statuses({ a: 'succeeded', b: 'succeeded', c: 'skipped', d: 'skipped' }));
    expect(decision.runOutcome?.status).toBe('succeeded');
  });

  it('orders by dependencies, not by the order steps are listed', () => {
    const reversed = playbook([step('late', ['early']), step('early', [])]);
    const decision = decideNextSteps(reversed, statuses({ late: 'pending', early: 'skipped' }));
    expect(decision.skip.map((s) => s.stepId)).toEqual(['late']);
  });
});
