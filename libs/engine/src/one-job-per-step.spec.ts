import { type ActionHandler, type JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import { RunAdvancer } from './run-advancer';
import { RunStarter } from './start-run';
import { StepExecutor } from './step-executor';
import { InMemoryRunStore } from './testing/in-memory-run.store';
import { InMemoryScheduler, type FakeJob } from './testing/in-memory-scheduler';

const step = (id: string, needs: string[]): StepDefinition =>
  ({ id, action: 'core.set', with: { values: { id } }, needs, retry: { attempts: 1, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail' }) as unknown as StepDefinition;

// a → (b, c) → d: a chain with a fan-out and a join.
const definition = {
  name: 'p',
  title: 'p',
  description: '',
  tags: [],
  connection: 'default',
  inputs: [],
  triggers: [{ type: 'manual' }],
  steps: [step('a', []), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])],
  on_failure: [],
  outputs: {},
} as unknown as PlaybookDefinition;

const coreSet: ActionHandler = { execute: async (params) => ({ kind: 'done', output: (params as { values: JsonValue }).values }) };

function engine(advance: (advancer: RunAdvancer, runId: string) => Promise<void>) {
  const store = new InMemoryRunStore();
  const scheduler = new InMemoryScheduler();
  const advancer = new RunAdvancer({ store, scheduler });
  const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers: new Map([['core.set', coreSet]]), workerId: 'w', clock: scheduler.clock, advancer: { advance: (runId) => advance(advancer, runId) } });
  const processed: FakeJob[] = [];
  const run = async () => {
    store.addRun('run-1', definition, {});
    await scheduler.enqueueAdvance('run-1', 'start');
    for (let job = scheduler.take(); job; job = scheduler.take()) {
      processed.push(job);
      if (job.kind === 'advance') await advancer.advance(job.runId);
      else await executor.execute(job.runId, job.stepId);
    }
    return store.run('run-1');
  };
  return { run, processed };
}

describe('one job per step: the worker that stores a step result advances the run', () => {
  it('runs a chain, a fan-out and a join with one job per step and only the start as an advance job', async () => {
    const e = engine((advancer, runId) => advancer.advance(runId));
    const run = await e.run();
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(e.processed.map((j) => (j.kind === 'step' ? j.stepId : 'advance'))).toEqual(['advance', 'a', 'b', 'c', 'd']);
  });

  it('queues an advance job when advancing in the worker fails, so the run still finishes', async () => {
    let failures = 0;
    const e = engine(async (advancer, runId) => {
      if (failures++ < 2) throw new Error('Postgres went away');
      await advancer.advance(runId);
    });
    const run = await e.run();
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(e.processed.filter((j) => j.kind === 'advance')).toHaveLength(3); // the start and the two fallbacks
  });

  it('starts a run with its first step’s job: the claim starts the run and arms its timeout, and the run ends with the last step’s success', async () => {
    const store = new InMemoryRunStore();
    const scheduler = new InMemoryScheduler();
    store.now = () => scheduler.clock.now();
    const advancer = new RunAdvancer({ store, scheduler, clock: scheduler.clock });
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers: new Map([['core.set', coreSet]]), workerId: 'w', clock: scheduler.clock, advancer });
    const timed = { ...definition, timeout_seconds: 600 } as PlaybookDefinition;
    const starter = new RunStarter({
      playbooks: { latest: async () => ({ versionId: 'v1', version: 1, enabled: true, definition: timed }) },
      runs: {
        create: async (run) => {
          store.addRun('run-1', run.definition, run.inputs);
          for (const stepId of run.queued ?? []) store.step('run-1', stepId).status = 'queued';
          return 'run-1';
        },
      },
      scheduler,
    });
    await starter.start({ playbook: 'p', inputs: {}, startedBy: 'ana' });
    expect(store.snapshotStatuses('run-1')).toEqual({ run: 'queued', a: 'queued', b: 'pending', c: 'pending', d: 'pending' });
    expect(scheduler.jobs.map((j) => j.id)).toEqual(['step.run-1.a.1']);

    const processed: FakeJob[] = [];
    for (let job = scheduler.take(); job; job = scheduler.take()) {
      processed.push(job);
      if (job.kind === 'advance') await advancer.advance(job.runId);
      else await executor.execute(job.runId, job.stepId);
    }
    expect(store.snapshotStatuses('run-1')).toEqual({ run: 'succeeded', a: 'succeeded', b: 'succeeded', c: 'succeeded', d: 'succeeded' });
    // No advance job but the timeout's (armed when a's claim started the run; it finds the run over).
    expect(processed.map((j) => (j.kind === 'step' ? j.stepId : `advance:${j.id.split('.').pop()}`))).toEqual(['a', 'b', 'c', 'd', 'advance:run-timeout']);
    expect(processed.find((j) => j.kind === 'advance')).toMatchObject({ delayMs: 600_000 });
  });
});
