import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

const registers = [metricsRegistry];

/** Every HTTP call to Defender, by connection, endpoint group and HTTP status (`network_error` or `timeout` when none came back). */
export const defenderCalls = new Counter({
  name: 'soar_defender_calls_total',
  help: 'Defender API calls by connection, endpoint group and status',
  labelNames: ['connection', 'group', 'status'] as const,
  registers,
});

export const defenderCallDuration = new Histogram({
  name: 'soar_defender_call_duration_seconds',
  help: 'Defender API call latency by endpoint group',
  labelNames: ['group'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
});

/** 429 answers from Defender (our own limiter should keep these near zero). */
export const defenderThrottled = new Counter({
  name: 'soar_defender_throttled_total',
  help: 'Defender 429 Too Many Requests answers by connection and endpoint group',
  labelNames: ['connection', 'group'] as const,
  registers,
});

/** A call found no free slot in the shared rate limiter: how long its step parks until one frees up. */
export const defenderRateLimitWait = new Histogram({
  name: 'soar_defender_rate_limit_wait_seconds',
  help: 'Time a Defender call waits for a rate-limit slot (the step parks meanwhile)',
  labelNames: ['group'] as const,
  buckets: [0.5, 1, 5, 15, 30, 60, 300, 900, 3600],
  registers,
});

/** Token requests to Entra ID (cache hits are not counted), by connection and result. */
export const tokenAcquisitions = new Counter({
  name: 'soar_defender_token_acquisitions_total',
  help: 'Entra ID token requests by connection and result (success or failure)',
  labelNames: ['connection', 'result'] as const,
  registers,
});
