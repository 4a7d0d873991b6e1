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
    expect(decision).toEqual({
      ready: [],
      skip: [
        { stepId: 'c', reason: 'run is failing: step b failed' },
        { stepId: 'd', reason: 'run is failing: step b failed' },
      ],
      runOutcome: { status: 'failed', reason: 'step b failed' },
    });
  });

  it('waits for a parallel branch that is still running before failing the run', () => {
    const decision = decideNextSteps(diamond, statuses({ a: 'succeeded', b: 'failed', c: 'running', d: 'pending' }));
    expect(decision.runOutcome).toBeUndefined();
  });

  describe('on_failure', () => {
    const withHandler = { ...diamond, on_failure: [step('notify', []), step('close', ['notify'])] } as PlaybookDefinition;

    it('starts the failure handler when the run fails, and fails the run once it is done', () => {
      const failing = decideNextSteps(withHandler, statuses({ a: 'failed', b: 'pending', c: 'pending', d: 'pending', notify: 'pending', close: 'pending' }));
      expect(failing.ready).toEqual(['notify']);
      expect(failing.runOutcome).toBeUndefined();
      const handled = decideNextSteps(withHandler, statuses({ a: 'failed', b: 'skipped', c: 'skipped', d: 'skipped', notify: 'succeeded', close: 'succeeded' }));
      expect(handled.runOutcome).toEqual({ status: 'failed', reason: 'step a failed' });
    });

    it('skips the failure handler when the run succeeds', () => {
      const decision = decideNextSteps(withHandler, statuses({ a: 'succeeded', b: 'succeeded', c: 'succeeded', d: 'succeeded', notify: 'pending', close: 'pending' }));
      expect(decision.skip.map((s) => s.stepId)).toEqual(['notify', 'close']);
      expect(decision.runOutcome?.status).toBe('succeeded');
    });
  });

  describe('on_error goto handler steps', () => {
    const routed = playbook([
      step('isolate', [], { on_error: { goto: ['escalate'] } }),
      step('mark', ['isolate']),
      step('escalate', [], { handler: true }),
    ]);

    it('leaves the handler alone while the routing step runs', () => {
      expect(decideNextSteps(routed, statuses({ isolate: 'running', mark: 'pending', escalate: 'pending' })).ready).toEqual([]);
    });
    it('starts the handler when the routing step fails, skips the routing step’s dependants, and the run can succeed', () => {
      const decision = decideNextSteps(routed, statuses({ isolate: 'failed', mark: 'pending', escalate: 'pending' }));
      expect(decision.ready).toEqual(['escalate']);
      expect(decision.skip).toEqual([{ stepId: 'mark', reason: 'dependency isolate was failed' }]);
      const after = decideNextSteps(routed, statuses({ isolate: 'failed', mark: 'skipped', escalate: 'succeeded' }));
      expect(after.runOutcome?.status).toBe('succeeded');
    });
    it('skips the handler when the routing step succeeds', () => {
      const decision = decideNextSteps(routed, statuses({ isolate: 'succeeded', mark: 'pending', escalate: 'pending' }));
      expect(decision.ready).toEqual(['mark']);
      expect(decision.skip).toEqual([{ stepId: 'escalate', reason: 'no step routed to this handler' }]);
    });
  });

  it('runs a step whose condition calls always() even when its dependency failed', () => {
    const cleanup = playbook([step('a', [], { on_error: { goto: ['h'] } }), step('h', [], { handler: true }), step('report', ['a'], { if: 'always()' })]);
    const decision = decideNextSteps(cleanup, statuses({ a: 'failed', h: 'pending', report: 'pending' }));
    expect(decision.ready).toEqual(['h', 'report']);
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
