import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { JOBS, QUEUES } from '@soar/contracts';
import { jobKeys } from '@soar/engine';
import { testRedisUrl } from '@soar/testing';
import { EngineQueue } from './engine-queue';
import { createRedisConnection } from './redis-connection';

/**
 * Issue 12, item 11: with a backlog of new runs queued first, the steps and advances of runs
 * already started are taken before them (on real Redis, one worker taking one job at a time).
 */
describe('engine queue priorities', () => {
  it('serves steps and advances of started runs first, then an analyst\'s new run, then alert-triggered ones', async () => {
    const prefix = `prio-${randomUUID().slice(0, 8)}`;
    const connection = createRedisConnection(testRedisUrl, 'priority-test');
    const workerConnection = createRedisConnection(testRedisUrl, 'priority-worker');
    const queue = new EngineQueue({ connection, prefix });
    const taken: string[] = [];
    let worker: Worker | undefined;
    try {
      // New runs start with their first step's job (or, when the start needs deciding, an advance).
      for (let i = 0; i < 5; i++) {
        if (i % 2) await queue.enqueueAdvance(`new-${i}`, jobKeys.start(), { start: 'triggered' });
        else await queue.enqueueStep(`new-${i}`, 'get_alert', { dedupeKey: jobKeys.attempt('get_alert', 1), lane: 'triggered', start: 'triggered' });
      }
      // An analyst's run started behind the backlog of alert-triggered ones.
      await queue.enqueueStep('analyst', 'get_alert', { dedupeKey: jobKeys.attempt('get_alert', 1), lane: 'manual', start: 'manual' });
      await queue.enqueueStep('started', 'isolate', { dedupeKey: 'isolate.1' });
      await queue.enqueueAdvance('started', jobKeys.afterStep('isolate', '1'));
      await new Promise<void>((resolve, reject) => {
        worker = new Worker(
          QUEUES.engine,
          async (job) => {
            taken.push(`${job.name}:${(job.data as { runId: string }).runId}`);
            if (taken.length === 8) resolve();
          },
          { connection: workerConnection, prefix, concurrency: 1 },
        );
        worker.on('error', reject);
      });
      expect(taken.slice(0, 2).sort()).toEqual([`${JOBS.advanceRun}:started`, `${JOBS.executeStep}:started`].sort());
      expect(taken[2]).toBe(`${JOBS.executeStep}:analyst`);
      expect(taken.slice(3)).toEqual([0, 1, 2, 3, 4].map((i) => `${i % 2 ? JOBS.advanceRun : JOBS.executeStep}:new-${i}`));
    } finally {
      await worker?.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
      workerConnection.disconnect();
    }
  });

  it("serves an analyst's steps before the steps of alert-triggered runs queued earlier, and those before new starts", async () => {
    const prefix = `prio-${randomUUID().slice(0, 8)}`;
    const connection = createRedisConnection(testRedisUrl, 'priority-test');
    const workerConnection = createRedisConnection(testRedisUrl, 'priority-worker');
    const queue = new EngineQueue({ connection, prefix });
    const taken: string[] = [];
    let worker: Worker | undefined;
    try {
      await queue.enqueueAdvance('new-alert-run', jobKeys.start(), { start: 'triggered' });
      for (let i = 0; i < 3; i++) await queue.enqueueStep(`alert-run-${i}`, 'echo', { dedupeKey: 'echo.1', lane: 'triggered' });
      await queue.enqueueStep('analyst', 'isolate', { dedupeKey: 'isolate.1', lane: 'manual' });
      await queue.enqueueStep('resumed', 'approve', { dedupeKey: 'approve.1.decision' }); // control work: no lane
      await new Promise<void>((resolve, reject) => {
        worker = new Worker(
          QUEUES.engine,
          async (job) => {
            taken.push(`${job.name}:${(job.data as { runId: string }).runId}`);
            if (taken.length === 6) resolve();
          },
          { connection: workerConnection, prefix, concurrency: 1 },
        );
        worker.on('error', reject);
      });
      expect(taken).toEqual([
        `${JOBS.executeStep}:resumed`,
        `${JOBS.executeStep}:analyst`,
        ...[0, 1, 2].map((i) => `${JOBS.executeStep}:alert-run-${i}`),
        `${JOBS.advanceRun}:new-alert-run`,
      ]);
    } finally {
      await worker?.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
      workerConnection.disconnect();
    }
  });
});
