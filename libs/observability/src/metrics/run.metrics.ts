import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

const registers = [metricsRegistry];

/** Runs that left `queued` (the engine started them), by playbook and trigger type (manual, alert, schedule, sub-playbook). */
export const runsStarted = new Counter({
  name: 'soar_runs_started_total',
  help: 'Runs started, by playbook and trigger type',
  labelNames: ['playbook', 'trigger'] as const,
  registers,
});

/** Runs that ended, by playbook, trigger type and outcome (the run's `outcome`, or its final status where no outcome is recorded). */
export const runsFinished = new Counter({
  name: 'soar_runs_finished_total',
  help: 'Runs finished, by playbook, trigger type and outcome',
  labelNames: ['playbook', 'trigger', 'outcome'] as const,
  registers,
});

/** Wall time from a run's start to its end, waits included. */
export const runDuration = new Histogram({
  name: 'soar_run_duration_seconds',
  help: 'Run duration from start to end, waits included',
  labelNames: ['playbook', 'outcome'] as const,
  buckets: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
  registers,
});

/** One call of a step's action handler (an execute or a resume), by action and what came of it. */
export const stepDuration = new Histogram({
  name: 'soar_step_duration_seconds',
  help: 'Duration of one action handler call (execute or resume), by action and result',
  labelNames: ['action', 'result'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers,
});

/** How long a step parks when it starts a durable wait (Defender action, approval, timer, rate-limit slot, retry). */
export const stepWait = new Histogram({
  name: 'soar_step_wait_seconds',
  help: 'Scheduled durable wait of a parked step, by reason',
  labelNames: ['reason'] as const,
  buckets: [1, 5, 15, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
  registers,
});
