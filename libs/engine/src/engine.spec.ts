import { ActionError, RateLimitedError, type ActionContext, type ActionHandler, type JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import { RunAdvancer } from './run-advancer';
import { StepExecutor } from './step-executor';
import { InMemoryRunStore } from './testing/in-memory-run.store';
import { InMemoryScheduler, type FakeJob } from './testing/in-memory-scheduler';

const ALERT = 'da638712004817339522_-1183920117';
const MACHINE = 'a'.repeat(40);

const step = (id: string, action: string, withParams: Record<string, JsonValue>, extra: Partial<StepDefinition> = {}): StepDefinition => ({
  id,
  action,
  with: withParams,
  needs: [],
  retry: { attempts: 3, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 },
  on_error: 'fail',
  ...extra,
});

const isolationPlaybook = (extra: Partial<StepDefinition>[] = []): PlaybookDefinition =>
  ({
    name: 'p',
    title: 'p',
    description: '',
    tags: [],
    connection: 'default',
    inputs: [],
    triggers: [{ type: 'manual' }],
    steps: [
      step('get_alert', 'defender.alert.get', { alert_id: '${{ inputs.alert_id }}' }, extra[0]),
      step('isolate', 'defender.machine.isolate', { machine_id: '${{ steps.get_alert.output.machineId }}', comment: 'contain' }, { needs: ['get_alert'], ...extra[1] }),
      step('mark', 'defender.alert.update', { alert_id: '${{ inputs.alert_id }}', status: 'InProgress' }, { needs: ['isolate'], ...extra[2] }),
    ],
    on_failure: [],
    outputs: { isolated_machine: '${{ steps.isolate.output.machine }}' },
  }) as unknown as PlaybookDefinition;

/** Handlers scripted per action: each call takes the next scripted behaviour. */
function scripted(script: Record<string, ((params: JsonValue, ctx: ActionContext) => ReturnType<ActionHandler['execute']>)[]>) {
  const calls: { action: string; kind: 'execute' | 'resume'; params: JsonValue; ctx: ActionContext }[] = [];
  const handlers = new Map<string, ActionHandler>();
  for (const [action, behaviours] of Object.entries(script)) {
    handlers.set(action, {
      execute: (params, ctx) => {
        calls.push({ action, kind: 'execute', params, ctx });
        return behaviours.shift()!(params, ctx);
      },
      resume: (state, ctx) => {
        calls.push({ action, kind: 'resume', params: state, ctx });
        return behaviours.shift()!(state, ctx);
      },
    });
  }
  return { handlers, calls };
}

const done = (output: JsonValue) => async () => ({ kind: 'done' as const, output });

function engine(handlers: Map<string, ActionHandler>) {
  const store = new InMemoryRunStore();
  const scheduler = new InMemoryScheduler();
  const advancer = new RunAdvancer({ store, scheduler });
  const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'test-worker', clock: scheduler.clock });
  const processed: FakeJob[] = [];
  const runJob = async (job: FakeJob) => {
    processed.push(job);
    if (job.kind === 'advance') await advancer.advance(job.runId);
    else await executor.execute(job.runId, job.stepId);
  };
  /** Runs queued jobs in due order (delays move the clock, nobody waits) until none is left. */
  const drain = async () => {
    for (let job = scheduler.take(); job; job = scheduler.take()) await runJob(job);
  };
  /** Runs queued jobs until `reached` holds (a test then acts between two jobs). */
  const runUntil = async (reached: () => boolean) => {
    while (!reached()) await runJob(scheduler.take()!);
  };
  return { store, scheduler, drain, runUntil, processed, executor };
}

/** The isolation playbook's handlers with the isolate call failing once with `error`, then succeeding. */
const isolateFailingOnce = (error: ActionError) =>
  scripted({
    'defender.alert.get': [done({ id: ALERT, machineId: MACHINE })],
    'defender.machine.isolate': [
      async () => {
        throw error;
      },
      done({ machine: MACHINE }),
    ],
    'defender.alert.update': [done({})],
  });

async function startRun(e: ReturnType<typeof engine>, definition: PlaybookDefinition) {
  e.store.addRun('run-1', definition, { alert_id: ALERT });
  await e.scheduler.enqueueAdvance('run-1', 'start');
  await e.drain();
  return e.store.run('run-1');
}

describe('engine: advancing runs and executing steps (in-memory fakes)', () => {
  it('runs the steps in dependency order, feeding outputs into later parameters', async () => {
    const { handlers, calls } = scripted({
      'defender.alert.get': [done({ id: ALERT, machineId: MACHINE })],
      'defender.machine.isolate': [done({ machine: MACHINE, already: false })],
      'defender.alert.update': [done({ id: ALERT, status: 'InProgress' })],
    });
    const run = await startRun(engine(handlers), isolationPlaybook());
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(calls.map((c) => c.action)).toEqual(['defender.alert.get', 'defender.machine.isolate', 'defender.alert.update']);
    expect(calls[1]!.params).toEqual({ machine_id: MACHINE, comment: 'contain', isolation_type: 'Full', on_unsuccessful: 'fail', allow_inactive: false, cancel_on_timeout: true });
    expect(run.outputs).toEqual({ isolated_machine: MACHINE });
  });

  it('retries a retryable failure after the delay Defender asked for, then succeeds, and tells the handler it may have sent', async () => {
    const { handlers, calls } = isolateFailingOnce(new ActionError('HTTP_500', 'Defender answered 500', true, { retryAfterMs: 5000 }));
    const e = engine(handlers);
    const run = await startRun(e, isolationPlaybook());
    expect(run.snapshot.run.status).toBe('succeeded');
    const isolateCalls = calls.filter((c) => c.action === 'defender.machine.isolate');
    expect(isolateCalls.map((c) => [c.ctx.attempt, c.ctx.maybeSent])).toEqual([
      [1, false],
      [2, true],
    ]);
    const retryJob = e.processed.find((j) => j.kind === 'step' && j.stepId === 'isolate' && j.delayMs > 0);
    expect(retryJob && retryJob.kind === 'step' && retryJob.delayMs).toBe(5000);
    expect(e.store.attempts.filter((a) => a.stepId === 'isolate').map((a) => a.status)).toEqual(['failed', 'succeeded']);
  });

  it('holds a job re-delivered before the stored retry time (its worker died after storing the retry) until Defender’s Retry-After', async () => {
    const { handlers, calls } = isolateFailingOnce(new ActionError('DEFENDER_THROTTLED', 'Defender throttled the call; retry in 5 s', true, { retryAfterMs: 5000 }));
    const e = engine(handlers);
    e.store.addRun('run-1', isolationPlaybook(), { alert_id: ALERT });
    await e.scheduler.enqueueAdvance('run-1', 'start');
    const isolate = () => e.store.step('run-1', 'isolate');
    await e.runUntil(() => isolate().attempts > 0);
    expect(isolate()).toMatchObject({ status: 'queued', attempts: 1 });

    // BullMQ hands the failed attempt's job to another worker at once: nothing may be sent yet.
    await e.executor.execute('run-1', 'isolate');
    expect(calls.filter((c) => c.action === 'defender.machine.isolate')).toHaveLength(1);
    expect(e.scheduler.jobs.find((j) => j.id.includes('.isolate.due.'))).toMatchObject({ kind: 'step', stepId: 'isolate', delayMs: 5000 });

    await e.drain();
    expect(e.store.run('run-1').snapshot.run.status).toBe('succeeded');
    expect(calls.filter((c) => c.action === 'defender.machine.isolate').map((c) => c.ctx.attempt)).toEqual([1, 2]);
  });

  it('holds a rate-limit wait re-delivered early until its slot, and resumes an approval woken early at once', async () => {
    const { handlers, calls } = scripted({
      'defender.alert.get': [
        async () => {
          throw new RateLimitedError('no slot for 3 s', 3000);
        },
        done({ id: ALERT, machineId: MACHINE }),
      ],
      'defender.machine.isolate': [async () => ({ kind: 'wait', reason: 'approval', resumeAfterMs: 3_600_000, state: null }), done({ machine: MACHINE })],
      'defender.alert.update': [done({})],
    });
    const e = engine(handlers);
    e.store.addRun('run-1', isolationPlaybook(), { alert_id: ALERT });
    await e.scheduler.enqueueAdvance('run-1', 'start');
    const stepOf = (id: string) => e.store.step('run-1', id);
    await e.runUntil(() => stepOf('get_alert').status === 'waiting');
    await e.executor.execute('run-1', 'get_alert');
    expect(calls.filter((c) => c.action === 'defender.alert.get')).toHaveLength(1);

    await e.runUntil(() => stepOf('isolate').status === 'waiting');
    await e.executor.execute('run-1', 'isolate'); // the decision's job, long before the approval's timeout
    expect(calls.filter((c) => c.action === 'defender.machine.isolate').map((c) => c.kind)).toEqual(['execute', 'resume']);
  });

  it('fails the run on a terminal error and skips what never ran', async () => {
    const { handlers, calls } = scripted({
      'defender.alert.get': [
        async () => {
          throw new ActionError('NotFound', 'alert not found', false, { status: 404 });
        },
      ],
    });
    const run = await startRun(engine(handlers), isolationPlaybook());
    expect(run.snapshot.run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'NotFound' });
    expect(run.snapshot.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(calls).toHaveLength(1);
  });

  it('gives up after the retry policy’s attempts', async () => {
    const failing = async () => {
      throw new ActionError('HTTP_503', 'unavailable', true);
    };
    const { handlers, calls } = scripted({ 'defender.alert.get': [failing, failing, failing, failing] });
    const run = await startRun(engine(handlers), isolationPlaybook());
    expect(run.snapshot.run.status).toBe('failed');
    expect(calls).toHaveLength(3);
  });

  it('parks a step durably while Defender works, then resumes it with the saved state', async () => {
    const { handlers, calls } = scripted({
      'defender.alert.get': [done({ id: ALERT, machineId: MACHINE })],
      'defender.machine.isolate': [
        async () => ({ kind: 'wait', reason: 'defender-action', resumeAfterMs: 1000, state: { machineActionId: 'x', polls: 0 } }),
        async () => ({ kind: 'wait', reason: 'defender-action', resumeAfterMs: 2000, state: { machineActionId: 'x', polls: 1 } }),
        done({ machine: MACHINE }),
      ],
      'defender.alert.update': [done({})],
    });
    const e = engine(handlers);
    const run = await startRun(e, isolationPlaybook());
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(calls.filter((c) => c.action === 'defender.machine.isolate').map((c) => [c.kind, c.params])).toEqual([
      ['execute', expect.objectContaining({ machine_id: MACHINE })],
      ['resume', { machineActionId: 'x', polls: 0 }],
      ['resume', { machineActionId: 'x', polls: 1 }],
    ]);
    const resumeDelays = e.processed.filter((j) => j.kind === 'step' && j.stepId === 'isolate').map((j) => (j.kind === 'step' ? j.delayMs : 0));
    expect(resumeDelays).toEqual([0, 1000, 2000]);
  });

  it('waits out a rate limit without spending an attempt, then executes again', async () => {
    const { handlers, calls } = scripted({
      'defender.alert.get': [
        async () => {
          throw new RateLimitedError('no slot', 700);
        },
        done({ id: ALERT, machineId: MACHINE }),
      ],
      'defender.machine.isolate': [done({})],
      'defender.alert.update': [done({})],
    });
    const run = await startRun(engine(handlers), isolationPlaybook());
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(calls.filter((c) => c.action === 'defender.alert.get').map((c) => [c.kind, c.ctx.attempt, c.ctx.maybeSent])).toEqual([
      ['execute', 1, false],
      ['execute', 1, false],
    ]);
  });

  it('decides by error type, not code text: another error that happens to say RATE_LIMITED spends an attempt', async () => {
    const { handlers, calls } = scripted({
      'defender.alert.get': [
        async () => {
          throw new ActionError('RATE_LIMITED', 'a look-alike code from elsewhere', true, { retryAfterMs: 700 });
        },
        done({ id: ALERT, machineId: MACHINE }),
      ],
      'defender.machine.isolate': [done({})],
      'defender.alert.update': [done({})],
    });
    const run = await startRun(engine(handlers), isolationPlaybook());
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(calls.filter((c) => c.action === 'defender.alert.get').map((c) => [c.kind, c.ctx.attempt])).toEqual([
      ['execute', 1],
      ['execute', 2],
    ]);
  });

  it('takes over a step whose worker died mid-attempt, flagging a possible earlier send', async () => {
    const { handlers, calls } = scripted({ 'defender.machine.isolate': [done({})] });
    const e = engine(handlers);
    e.store.addRun('run-1', isolationPlaybook(), { alert_id: ALERT });
    Object.assign(e.store.step('run-1', 'get_alert'), { status: 'succeeded', output: { machineId: MACHINE } });
    await e.store.queueSteps('run-1', ['isolate']);
    // A worker claimed the isolate step and died before recording anything; BullMQ redelivers its job.
    await e.store.claimStep('run-1', 'isolate', { from: 'queued', expectedAttempts: 0, workerId: 'dead', newAttempt: true });
    await e.executor.execute('run-1', 'isolate');
    expect(calls.map((c) => [c.action, c.ctx.attempt, c.ctx.maybeSent])).toEqual([['defender.machine.isolate', 2, true]]);
    expect(e.store.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'abandoned'],
      [2, 'succeeded'],
    ]);
  });

  it('skips a step whose condition is false, and its dependants', async () => {
    const { handlers, calls } = scripted({ 'defender.alert.get': [done({ id: ALERT, machineId: MACHINE, severity: 'Low' })] });
    const run = await startRun(engine(handlers), isolationPlaybook([{}, { if: "steps.get_alert.output.severity == 'High'" }]));
    expect(run.snapshot.run.status).toBe('succeeded');
    expect(run.snapshot.steps.map((s) => s.status)).toEqual(['succeeded', 'skipped', 'skipped']);
    expect(calls).toHaveLength(1);
  });

  it('fails a step whose evaluated parameters do not fit the action, without calling Defender', async () => {
    const { handlers, calls } = scripted({ 'defender.alert.get': [done({ id: ALERT, machineId: 'not-a-machine-id' })] });
    const run = await startRun(engine(handlers), isolationPlaybook());
    expect(run.snapshot.run.status).toBe('failed');
    expect(run.snapshot.steps[1]!.error).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(calls).toHaveLength(1);
  });

  describe('foreach', () => {
    const scan = (concurrency: number): PlaybookDefinition =>
      ({
        ...isolationPlaybook(),
        steps: [
          step('scan', 'defender.machine.isolate', { machine_id: '${{ machine }}', comment: '${{ "item " + string(index) }}' }, {
            foreach: { items: 'inputs.machines', concurrency, as: 'machine' },
          }),
          step('after', 'defender.alert.get', { alert_id: ALERT }, { needs: ['scan'] }),
        ],
        outputs: { scanned: '${{ steps.scan.output }}' },
      }) as unknown as PlaybookDefinition;
    const machines = ['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(40));

    it('runs once per item, never more than `concurrency` at a time, and collects outputs in item order', async () => {
      let active = 0;
      let peak = 0;
      const handlers = new Map<string, ActionHandler>([
        [
          'defender.machine.isolate',
          {
            execute: async (params) => {
              active++;
              peak = Math.max(peak, active);
              await new Promise((r) => setImmediate(r));
              active--;
              return { kind: 'wait', reason: 'defender-action', resumeAfterMs: 10, state: params };
            },
            resume: async (state) => ({ kind: 'done', output: (state as { machine_id: string }).machine_id.slice(0, 1) }),
          },
        ],
        ['defender.alert.get', { execute: done({ id: ALERT }) }],
      ]);
      const e = engine(handlers);
      e.store.addRun('run-1', scan(2), { machines });
      await e.scheduler.enqueueAdvance('run-1', 'start');
      // Items are queued two at a time: each drain round only ever sees at most two items in flight.
      let maxQueuedItems = 0;
      for (let job = e.scheduler.take(); job; job = e.scheduler.take()) {
        const inFlight = e.store.run('run-1').snapshot.steps.filter((s) => s.stepId.startsWith('scan[') && ['queued', 'running', 'waiting'].includes(s.status)).length;
        maxQueuedItems = Math.max(maxQueuedItems, inFlight);
        if (job.kind === 'advance') await new RunAdvancer({ store: e.store, scheduler: e.scheduler }).advance(job.runId);
        else await e.executor.execute(job.runId, job.stepId);
      }
      const run = e.store.run('run-1');
      expect(run.snapshot.run.status).toBe('succeeded');
      expect(maxQueuedItems).toBe(2);
      expect(run.outputs).toEqual({ scanned: ['a', 'b', 'c', 'd', 'e'] });
      expect(e.store.step('run-1', 'scan[3]').status).toBe('succeeded');
    });

    it('fails the step, and the run, when an item fails after its retries, naming the item', async () => {
      const handlers = new Map<string, ActionHandler>([
        [
          'defender.machine.isolate',
          {
            execute: async (params) => {
              if ((params as { machine_id: string }).machine_id.startsWith('c')) throw new ActionError('OsPlatformNotSupported', 'not on this OS', false);
              return { kind: 'done', output: 'ok' };
            },
          },
        ],
      ]);
      const e = engine(handlers);
      e.store.addRun('run-1', scan(5), { machines });
      await e.scheduler.enqueueAdvance('run-1', 'start');
      await e.drain();
      const run = e.store.run('run-1');
      expect(run.snapshot.run.status).toBe('failed');
      expect(e.store.step('run-1', 'scan').error).toMatchObject({ code: 'FOREACH_ITEM_FAILED', items: [{ index: 2, status: 'failed' }] });
      expect(e.store.step('run-1', 'after').status).toBe('skipped');
    });

    it('succeeds at once with an empty list', async () => {
      const e = engine(new Map([['defender.alert.get', { execute: done({}) }]]));
      e.store.addRun('run-1', scan(2), { machines: [] });
      await e.scheduler.enqueueAdvance('run-1', 'start');
      await e.drain();
      expect(e.store.run('run-1').outputs).toEqual({ scanned: [] });
    });
  });

  it('runs the on_failure steps when the run fails, and still fails the run', async () => {
    const definition = {
      ...isolationPlaybook(),
      on_failure: [step('note_failure', 'defender.alert.update', { alert_id: ALERT, comment: '${{ "failed at " + steps.get_alert.status }}' })],
    } as unknown as PlaybookDefinition;
    const { handlers, calls } = scripted({
      'defender.alert.get': [
        async () => {
          throw new ActionError('Forbidden', 'missing Alert.Read.All', false, { status: 403 });
        },
      ],
      'defender.alert.update': [done({})],
    });
    const run = await startRun(engine(handlers), definition);
    expect(run.snapshot.run.status).toBe('failed');
    expect(calls.map((c) => [c.action, c.params])).toEqual([
      ['defender.alert.get', { alert_id: ALERT }],
      ['defender.alert.update', { alert_id: ALERT, comment: 'failed at failed' }],
    ]);
  });

  it('times out an attempt that waits past its timeout_seconds, then retries it', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = { now: () => new Date(now) };
    const { handlers, calls } = scripted({
      'defender.alert.get': [
        async () => {
          now += 20_000;
          return { kind: 'wait', reason: 'defender-action', resumeAfterMs: 60_000, state: null };
        },
        done({ id: ALERT, machineId: MACHINE }),
      ],
      'defender.machine.isolate': [done({})],
      'defender.alert.update': [done({})],
    });
    const store = new InMemoryRunStore();
    const scheduler = new InMemoryScheduler();
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'w', clock });
    const advancer = new RunAdvancer({ store, scheduler });
    store.addRun('run-1', isolationPlaybook([{ timeout_seconds: 30 }]), { alert_id: ALERT });
    await scheduler.enqueueAdvance('run-1', 'start');
    const delays: number[] = [];
    for (let job = scheduler.take(); job; job = scheduler.take()) {
      if (job.kind === 'step' && job.stepId === 'get_alert') delays.push(job.delayMs);
      now += job.kind === 'step' ? job.delayMs : 0;
      if (job.kind === 'advance') await advancer.advance(job.runId);
      else await executor.execute(job.runId, job.stepId);
    }
    expect(store.run('run-1').snapshot.run.status).toBe('succeeded');
    // The wait asked for 60 s but the attempt had 10 s left: it woke at the deadline and timed out.
    expect(delays.slice(0, 2)).toEqual([0, 10_000]);
    expect(calls.filter((c) => c.action === 'defender.alert.get').map((c) => [c.kind, c.ctx.attempt])).toEqual([
      ['execute', 1],
      ['execute', 2],
    ]);
    expect(store.attempts.filter((a) => a.stepId === 'get_alert').map((a) => a.status)).toEqual(['failed', 'succeeded']);
  });

  it('ends a run at its timeout_seconds even while it waits, and starts nothing after', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = { now: () => new Date(now) };
    const { handlers, calls } = scripted({
      'defender.alert.get': [async () => ({ kind: 'wait', reason: 'approval', resumeAfterMs: 3_600_000, state: null })],
    });
    const store = new InMemoryRunStore();
    store.now = clock.now;
    const scheduler = new InMemoryScheduler();
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'w', clock });
    const advancer = new RunAdvancer({ store, scheduler, clock });
    store.addRun('run-1', { ...isolationPlaybook(), timeout_seconds: 60 } as PlaybookDefinition, { alert_id: ALERT });
    await scheduler.enqueueAdvance('run-1', 'start');
    const seen: FakeJob[] = [];
    // Run jobs in the order they fall due (all were queued at about the same time here).
    const next = () => (scheduler.jobs.sort((a, b) => a.delayMs - b.delayMs), scheduler.take());
    for (let job = next(); job; job = next()) {
      seen.push(job);
      now = Math.max(now, Date.parse('2026-01-01T00:00:00Z') + job.delayMs);
      if (job.kind === 'advance') await advancer.advance(job.runId);
      else await executor.execute(job.runId, job.stepId);
    }
    const run = store.run('run-1');
    expect(seen.find((j) => j.id.endsWith('run-timeout'))).toMatchObject({ kind: 'advance', delayMs: 60_000 });
    expect(run.snapshot.run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'RUN_TIMEOUT' });
    expect(run.snapshot.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(calls).toHaveLength(1); // the hour-long wait was not resumed
  });
});
