import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's one metrics registry, served on `/metrics` (API on its port, worker on its health
 * port). Metric objects are module singletons so any lib can count without wiring; Prometheus sums
 * them across replicas.
 */
export const metricsRegistry = new Registry();

let defaultsOn = false;
/** Node.js process metrics (CPU, memory, event loop lag, GC), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'soar_' });
}
