import { Queue, Worker } from 'bullmq';
import { ENGINE_JOB_DEFAULTS, createRedisConnection } from '@soar/queue';
import { benchRedisUrl } from './bench-stack';
import { withTimeout } from './stats';

export interface RawBullmqResult {
  jobs: number;
  concurrency: number;
  /** Jobs added per second (addBulk, 1,000 a call). */
  enqueuePerSecond: number;
  /** Jobs a worker completes per second with an empty processor: the queue's ceiling. */
  jobsPerSecond: number;
}

/**
 * The ceiling: a BullMQ worker in this process with an empty processor drains `jobs` jobs that
 * were queued beforehand, with the engine's job options (completed jobs trimmed the same way).
 * Timed from the worker's start to the last `completed` event.
 */
export async function benchRawBullmq(options: { prefix: string; jobs: number; concurrency: number }): Promise<RawBullmqResult> {
  const { prefix, jobs, concurrency } = options;
  const producer = createRedisConnection(benchRedisUrl, 'soar-bench-raw-producer');
  const consumer = createRedisConnection(benchRedisUrl, 'soar-bench-raw-consumer');
  const queue = new Queue('bench-noop', { connection: producer, prefix, defaultJobOptions: ENGINE_JOB_DEFAULTS });
  let worker: Worker | undefined;
  try {
    const addStart = performance.now();
    for (let i = 0; i < jobs; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { jobId: `noop.${i + k}` } }));
      await queue.addBulk(batch);
    }
    const addSeconds = (performance.now() - addStart) / 1000;

    let completed = 0;
    let lastAt = 0;
    const start = performance.now();
    const done = new Promise<void>((resolve, reject) => {
      worker = new Worker('bench-noop', async () => undefined, { connection: consumer, prefix, concurrency });
      worker.on('completed', () => {
        lastAt = performance.now();
        if (++completed === jobs) resolve();
      });
      worker.on('failed', (_job, error) => reject(error));
      worker.on('error', reject);
    });
    await withTimeout(done, 120_000, `${jobs} no-op jobs`);
    const seconds = (lastAt - start) / 1000;
    return { jobs, concurrency, enqueuePerSecond: jobs / addSeconds, jobsPerSecond: jobs / seconds };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}
