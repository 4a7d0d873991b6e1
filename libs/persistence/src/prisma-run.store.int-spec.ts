import type { PlaybookDefinition } from '@soar/playbook';
import { createTestDb, resetDatabase } from '@soar/testing';
import { PlaybookRepository } from './playbook.repository';
import { PrismaRunStore } from './prisma-run.store';
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
    expect(claims.filter(Boolean)).toEqual([{ attempt: 1, maybeSent: false }]);
    expect(await db.stepAttempt.count()).toBe(1);
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
    expect(await store.retryStep(runId, 'first', 1, { code: 'HTTP_500', message: 'boom' })).toBe(true);
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
      store.finishRun(runId, 'failed', { reason: 'step first failed' }),
      store.finishRun(runId, 'succeeded', { reason: 'all steps finished' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const snapshot = (await store.loadRun(runId))!;
    expect(snapshot.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  });
});
