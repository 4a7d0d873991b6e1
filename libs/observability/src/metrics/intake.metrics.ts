import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

const registers = [metricsRegistry];

/**
 * Alert intake (the `intake` branch increments these): time from an alert's creation in Defender
 * to the run it started, and alerts dropped as already seen. `source` names the intake source
 * (e.g. `defender-poller`, `graph-poller`, `webhook`).
 */
export const intakeLag = new Histogram({
  name: 'soar_intake_lag_seconds',
  help: 'Time from an alert being raised to SOAR starting a run for it, by intake source',
  labelNames: ['source'] as const,
  buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600],
  registers,
});

export const intakeDuplicatesDropped = new Counter({
  name: 'soar_intake_duplicates_dropped_total',
  help: 'Alerts (or alert versions) dropped because a run was already started for them, by intake source',
  labelNames: ['source'] as const,
  registers,
});

export const intakeAlertsReceived = new Counter({
  name: 'soar_intake_alerts_received_total',
  help: 'Alerts received by intake, by source',
  labelNames: ['source'] as const,
  registers,
});
