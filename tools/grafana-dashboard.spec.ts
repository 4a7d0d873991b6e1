import { readFileSync } from 'node:fs';
import path from 'node:path';
import { metricsRegistry } from '@soar/observability';

/** The metric names a panel query reads (Prometheus adds _bucket/_count/_sum to histograms). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b(soar_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, ''));
}

describe('Grafana dashboard deploy/grafana/defender-soar.dashboard.json', () => {
  it('only queries metrics the services define, and covers every SOAR metric', async () => {
    const dashboard = JSON.parse(readFileSync(path.resolve(__dirname, '../deploy/grafana/defender-soar.dashboard.json'), 'utf8'));
    const defined = new Set((await metricsRegistry.getMetricsAsJSON()).map((m) => m.name));
    const queried = new Set<string>(dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.flatMap((t) => metricNames(t.expr))));
    // Process metrics (soar_process_*) come from collectProcessMetrics at start; the rest are always defined.
    expect([...queried].filter((name) => !defined.has(name) && !name.startsWith('soar_process_'))).toEqual([]);
    expect([...defined].filter((name) => !queried.has(name) && !name.startsWith('soar_process_') && !name.startsWith('soar_nodejs_'))).toEqual([]);
  });
});
