import { Gauge } from 'prom-client';
import { metricsRegistry } from './registry';

/** What the gauge needs from a BullMQ Queue (kept structural so this lib needs no bullmq import). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed', 'paused'];
const tracked = new Set<CountableQueue>();

/** Jobs per queue and state, read from Redis at scrape time (bounded by a timeout: a scrape must not hang on a Redis outage). */
export const queueJobs = new Gauge({
  name: 'soar_queue_jobs',
  help: 'BullMQ jobs by queue and state, read at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const queue of tracked) {
      const counts = await withTimeout(queue.getJobCounts(...STATES), 2000).catch(() => undefined);
      if (!counts) continue; // Redis unreachable: no sample rather than a wrong zero
      for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
    }
  },
});

/** Reports the queue's depth on /metrics until the returned function is called. */
export function trackQueueDepth(queue: CountableQueue): () => void {
  tracked.add(queue);
  return () => tracked.delete(queue);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
