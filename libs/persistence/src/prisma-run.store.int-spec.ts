import type { PlaybookDefinition } from '@soar/playbook';
import { createTestDb, resetDatabase } from '@soar/testing';
import { PlaybookRepository } from './playbook.repository';
import { PrismaRunStore } from './prisma-run.store';
import { PrismaStaleWorkFinder } from './prisma-stale-work.finder';
import { RunRepository } from './run.repository';
import type { Db } from './prisma-client.factory';

const definition = {
  name: 'store-test',
  title: 'Store test',
  description: '',
  tags: [],
  connection: 'default',
  inputs: [],
  triggers: [{ type: 'manual' }],
  steps: [
    { id: 'first', action: 'defender.alert.get', with: {}, needs: [], retry: { attempts: 3, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail' },
    { id: 'second', action: 'defender.alert.get', with: {}, needs: ['first'], retry: { attempts: 3, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail' },
  ],
  on_failure: [],
  outputs: {},
} as unknown as PlaybookDefinition;

describe('PrismaRunStore on the real Postgres', () => {
  let db: Db;
  let store: PrismaRunStore;
  let runId: string;

  beforeAll(() => {
    db = createTestDb();
    store = new PrismaRunStore(db);
  });
  afterAll(() => db.$disconnect());
  beforeEach(async () => {
    await resetDatabase(db);
    const { record } = await new PlaybookRepository(db).save('store-test', 'src', definition, 'tester');
    const latest = (await new PlaybookRepository(db).latest('store-test'))!;
    runId = await new RunRepository(db).create({
      playbookVersionId: latest.versionId,
      playbookName: record.name,
      playbookVersion: record.version,
      definition,
      inputs: {},
      trigger: { type: 'manual' },
      startedBy: 'tester',
    });
  });

  it('lets exactly one of many concurrent claims start an attempt', async () => {
    expect(await store.queueSteps(runId, ['first'])).toEqual(['first']);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: `w${i}`, newAttempt: true })),
    );
    // The run was still queued (its first step queued by the start): the one claim also started it.
    expect(claims.filter(Boolean)).toEqual([{ attempt: 1, maybeSent: false, startedRun: true }]);
    expect(await db.stepAttempt.count()).toBe(1);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect([run.status, run.startedAt !== null]).toEqual(['running', true]);
    expect((await db.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } })).map((e) => e.type)).toEqual(['run.queued', 'steps.queued', 'run.running', 'step.started']);
  });

  it('records the parameters with the claim, and queues the next step with the success when the view it was decided on holds', async () => {
    await store.startRun(runId);
    await store.queueSteps(runId, ['first']);
    await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: 'w', newAttempt: true, params: { alert_id: 'a1' } });
    expect((await db.stepAttempt.findFirstOrThrow()).params).toEqual({ alert_id: 'a1' });
    expect((await db.stepRun.findFirstOrThrow({ where: { stepId: 'first' } })).params).toEqual({ alert_id: 'a1' });

    const done = await store.completeStepAndContinue(runId, 'first', 1, { id: 'a1' }, { others: { second: 'pending' }, queue: ['second'] });
    expect(done).toEqual({ completed: true, decided: true, queued: ['second'], finished: false });
    const snapshot = (await store.loadRun(runId))!;
    expect(snapshot.steps.map((s) => [s.stepId, s.status, s.output])).toEqual([
      ['first', 'succeeded', { id: 'a1' }],
      ['second', 'queued', null],
    ]);
    const events = await db.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type).slice(-2)).toEqual(['step.succeeded', 'steps.queued']);
  });

  it('ends the run with the last step’s success in one statement, reporting the labels once', async () => {
    const finished: unknown[] = [];
    const observed = new PrismaRunStore(db, { started: () => undefined, finished: (labels) => finished.push(labels) });
    await observed.startRun(runId);
    for (const [stepId, others] of [
      ['first', { second: 'pending' }],
      ['second', { first: 'succeeded' }],
    ] as const) {
      if (stepId === 'first') await observed.queueSteps(runId, ['first']);
      await observed.claimStep(runId, stepId, { from: 'queued', expectedAttempts: 0, workerId: 'w', newAttempt: true });
      const last = stepId === 'second';
      const done = await observed.completeStepAndContinue(runId, stepId, 1, { n: 1 }, {
        others,
        queue: last ? [] : ['second'],
        ...(last ? { finish: { status: 'succeeded' as const, ending: { outcome: 'succeeded' as const, reason: 'all steps finished', outputs: { n: 1 } } } } : {}),
      });
      expect(done).toMatchObject({ completed: true, decided: true, finished: last });
    }
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect([run.status, run.outcome, run.reason, run.outputs, run.endedAt !== null]).toEqual(['succeeded', 'succeeded', 'all steps finished', { n: 1 }, true]);
    const events = await db.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type).slice(-2)).toEqual(['step.succeeded', 'run.succeeded']);
    expect(finished).toEqual([{ playbook: 'store-test', trigger: 'manual', outcome: 'succeeded', seconds: expect.any(Number) }]);
  });

  it('records the success but queues nothing when another step changed since the decision (the caller advances instead)', async () => {
    await store.startRun(runId);
    await store.queueSteps(runId, ['first']);
    await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: 'w', newAttempt: true });
    // Decided on a view where `second` was running: it is pending in Postgres, so the view is stale.
    const done = await store.completeStepAndContinue(runId, 'first', 1, { id: 'a1' }, { others: { second: 'running' }, queue: ['second'] });
    expect(done).toEqual({ completed: true, decided: false, queued: [], finished: false });
    expect((await store.loadRun(runId))!.steps.map((s) => s.status)).toEqual(['succeeded', 'pending']);
    // A repeat (a re-delivered job) changes nothing: the step is no longer running at that attempt.
    expect(await store.completeStepAndContinue(runId, 'first', 1, { id: 'a1' }, { others: { second: 'pending' }, queue: ['second'] })).toEqual({
      completed: false,
      decided: false,
      queued: [],
      finished: false,
    });
    expect((await store.loadRun(runId))!.steps.map((s) => s.status)).toEqual(['succeeded', 'pending']);
  });

  it('queues a step once even when two advances race', async () => {
    const [a, b] = await Promise.all([store.queueSteps(runId, ['first']), store.queueSteps(runId, ['first'])]);
    expect([...a, ...b]).toEqual(['first']);
  });

  it('flags a takeover of an attempt whose worker died as maybe-sent and keeps the abandoned attempt', async () => {
    await store.queueSteps(runId, ['first']);
    await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: 'dead', newAttempt: true });
    const takeover = await store.claimStep(runId, 'first', { from: 'running', expectedAttempts: 1, workerId: 'alive', newAttempt: true });
    expect(takeover).toEqual({ attempt: 2, maybeSent: true });
    const attempts = await db.stepAttempt.findMany({ orderBy: { attempt: 'asc' } });
    expect(attempts.map((a) => [a.attempt, a.status, a.workerId])).toEqual([
      [1, 'abandoned', 'dead'],
      [2, 'running', 'alive'],
    ]);
  });

  it('records a retry, then success, keeping every attempt in the history', async () => {
    await store.queueSteps(runId, ['first']);
    await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: 'w', newAttempt: true });
    expect(await store.retryStep(runId, 'first', 1, { code: 'HTTP_500', message: 'boom' }, '2030-01-01T00:00:00.000Z')).toBe(true);
    expect((await store.loadRun(runId))!.steps[0]!.wait).toMatchObject({ reason: 'retry', resumeAt: '2030-01-01T00:00:00.000Z' });
    const second = await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 1, workerId: 'w', newAttempt: true });
    expect(second).toEqual({ attempt: 2, maybeSent: true });
    expect(await store.completeStep(runId, 'first', 2, { ok: true })).toBe(true);
    expect(await store.completeStep(runId, 'first', 2, { ok: 'again' })).toBe(false);
    const snapshot = (await store.loadRun(runId))!;
    expect(snapshot.steps[0]).toMatchObject({ status: 'succeeded', attempts: 2, output: { ok: true } });
    const attempts = await db.stepAttempt.findMany({ orderBy: { attempt: 'asc' } });
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
  });

  it('finishes a run once and cancels the steps that never ran', async () => {
    expect(await store.startRun(runId)).toBe(true);
    const results = await Promise.all([
      store.finishRun(runId, 'failed', { outcome: 'failed', reason: 'step first failed' }),
      store.finishRun(runId, 'succeeded', { outcome: 'succeeded', reason: 'all steps finished' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const snapshot = (await store.loadRun(runId))!;
    expect(snapshot.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  });

  describe('finding work whose job may be lost (reconciler)', () => {
    const finder = () => new PrismaStaleWorkFinder(db);
    const age = async (ms: number) => db.$executeRaw`UPDATE step_runs SET updated_at = now() - make_interval(secs => ${ms / 1000})`;

    it('re-queues a retry only once it is due, however long ago it was scheduled', async () => {
      await store.queueSteps(runId, ['first']);
      await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: 'w', newAttempt: true });
      await store.retryStep(runId, 'first', 1, { code: 'TooManyRequests', message: 'retry in 90 s' }, new Date(Date.now() + 90_000).toISOString());
      await age(120_000);
      expect(await finder().staleSteps({ olderThanMs: 60_000, runningOlderThanMs: 600_000, limit: 10 })).toEqual([]);
      await store.retryStep(runId, 'first', 1, {}, new Date(Date.now() - 120_000).toISOString());
      await db.stepRun.updateMany({ where: { runId, stepId: 'first' }, data: { wait: { reason: 'retry', state: null, resumeAt: new Date(Date.now() - 120_000).toISOString(), seq: 0 } } });
      await age(120_000);
      expect((await finder().staleSteps({ olderThanMs: 60_000, runningOlderThanMs: 600_000, limit: 10 })).map((s) => [s.stepId, s.status])).toEqual([['first', 'queued']]);
    });

    it('leaves recently touched work alone and finds a run with nothing active', async () => {
      await store.queueSteps(runId, ['first']);
      expect(await finder().staleSteps({ olderThanMs: 60_000, runningOlderThanMs: 600_000, limit: 10 })).toEqual([]);
      await db.stepRun.updateMany({ where: { runId }, data: { status: 'pending' } });
      await db.$executeRaw`UPDATE runs SET created_at = now() - interval '5 minutes'`;
      expect(await finder().stalledRuns({ olderThanMs: 60_000, limit: 10 })).toEqual([runId]);
    });
  });
});
