import type { ActionHandler, JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import { RunAdvancer } from './run-advancer';
import { StepExecutor } from './step-executor';
import { InMemoryRunStore } from './testing/in-memory-run.store';
import { InMemoryScheduler } from './testing/in-memory-scheduler';

const step = (id: string, withParams: Record<string, JsonValue>, extra: Partial<StepDefinition> = {}): StepDefinition =>
  ({ id, action: 'core.set', with: withParams, needs: [], retry: { attempts: 3, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail', ...extra }) as StepDefinition;
const playbook = (steps: StepDefinition[]): PlaybookDefinition =>
  ({ name: 'p', title: 'p', description: '', tags: [], connection: 'default', inputs: [], triggers: [{ type: 'manual' }], steps, on_failure: [], outputs: {} }) as unknown as PlaybookDefinition;

describe('a costly expression (issue 12, item 8)', () => {
  it('fails its step with expression_too_costly (no retry) and the next run still runs', async () => {
    const store = new InMemoryRunStore();
    const scheduler = new InMemoryScheduler();
    const handlers = new Map<string, ActionHandler>([['core.set', { execute: async (p) => ({ kind: 'done', output: (p as { values: JsonValue }).values }) }]]);
    const advancer = new RunAdvancer({ store, scheduler });
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'w', clock: scheduler.clock });
    const l = Array.from({ length: 8464 }, (_, i) => i);
    store.addRun('costly', playbook([step('slow', { values: { v: '${{ inputs.l.filter(x, inputs.l.exists(y, y == -1)) }}' } }, { timeout_seconds: 5 })]), { l });
    store.addRun('next', playbook([step('quick', { values: { n: '${{ size(inputs.l) }}' } })]), { l });
    await scheduler.enqueueAdvance('costly', 'start');
    await scheduler.enqueueAdvance('next', 'start');
    for (let job = scheduler.take(); job; job = scheduler.take()) {
      if (job.kind === 'advance') await advancer.advance(job.runId);
      else await executor.execute(job.runId, job.stepId);
    }
    expect(store.run('costly').snapshot.run.status).toBe('failed');
    expect(store.step('costly', 'slow')).toMatchObject({ attempts: 1, error: { code: 'expression_too_costly', path: 'values.v' } });
    expect(store.run('next').snapshot.run.status).toBe('succeeded');
    expect(store.step('next', 'quick').output).toEqual({ n: 8464, result: 'done' });
  });
});
