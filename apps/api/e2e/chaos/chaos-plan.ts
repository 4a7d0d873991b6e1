import { SEED, type FaultRuleInput } from '@soar/defender-sim';
import { createPrng } from './prng';

/** The seed's Windows machines (every machine action works on them) and an alert of each to copy. */
export const CHAOS_MACHINES = {
  financeWorkstation: SEED.alerts.highSeverityOnWindows,
  hrWorkstation: SEED.alerts.resolvedPhishingOnHr,
  developerWorkstation: SEED.alerts.smartScreenOnDeveloper,
  salesWorkstation: SEED.alerts.registryPersistenceOnSales,
  domainController: SEED.alerts.credentialTheftOnDomainController,
  sqlServer: SEED.alerts.customIndicatorOnSql,
} as const;
export type ChaosMachine = keyof typeof CHAOS_MACHINES;
export const CHAOS_MACHINE_KEYS = Object.keys(CHAOS_MACHINES) as ChaosMachine[];

/** Machine action outcomes forced through the simulator: the only reason a run may fail. */
export type ForcedOutcome = 'Failed' | 'TimeOut';

/** One fault put into the simulator just before a run starts; it hits whichever requests match next. */
export type ChaosFault =
  | { kind: '429-storm'; count: number; retryAfterSeconds: number }
  | { kind: '500'; count: number }
  /** POST isolate performed, then the connection dropped: the worker never learns the action id. */
  | { kind: 'lost-isolate-response' }
  /** PATCH alert (the comment) performed, then dropped. */
  | { kind: 'lost-comment-response' }
  /** POST unisolate performed, then dropped. */
  | { kind: 'lost-release-response' }
  /** A status poll reset before the simulator looks at it. */
  | { kind: 'reset-poll' }
  /**
   * The isolate call is performed late (widens the window in which a worker kill lands mid-call).
   * Kept under the ~1 s a killed worker's job needs to be taken over, so the late call always
   * lands before the takeover looks for it: a call arriving after the takeover could isolate twice
   * whatever the product does (only Defender could deduplicate it).
   */
  | { kind: 'slow-isolate'; ms: number };

export interface PlannedRun {
  index: number;
  machine: ChaosMachine;
  forced?: ForcedOutcome;
  faults: ChaosFault[];
  /**
   * SIGKILL a worker this long after the run is started (and start a replacement): a random one,
   * or (`midStep`) the first one seen running a step attempt within the next seconds, so some
   * kills land in the middle of an attempt whatever the timing.
   */
  kill?: { afterMs: number; midStep: boolean };
  /** Restart Redis this long after the run is started (once per chaos run), down for `downMs`. */
  redisRestart?: { afterMs: number; downMs: number };
}

export interface ChaosPlan {
  seed: string;
  runs: PlannedRun[];
}

/**
 * Everything random in the chaos test, drawn up front from the seed. What happens at run time is
 * still timing-dependent (which run a global fault hits, what a killed worker was doing), but the
 * sequence of decisions is fixed by the seed, so a failing seed can be replayed.
 */
export function buildChaosPlan(options: { seed: string; runs: number }): ChaosPlan {
  const rnd = createPrng(options.seed);
  const n = options.runs;

  // Machines round-robin in a shuffled order per cycle: balanced lanes, seeded order.
  const machines: ChaosMachine[] = [];
  while (machines.length < n) machines.push(...rnd.shuffle(CHAOS_MACHINE_KEYS));

  const indices = rnd.shuffle(Array.from({ length: n }, (_, i) => i));
  const failedCount = Math.max(1, Math.round(n * 0.05));
  const timeoutCount = Math.max(1, Math.round(n * 0.05));
  const forced = new Map<number, ForcedOutcome>();
  for (const i of indices.slice(0, failedCount)) forced.set(i, 'Failed');
  for (const i of indices.slice(failedCount, failedCount + timeoutCount)) forced.set(i, 'TimeOut');

  const killCount = Math.max(2, Math.round(n / 8));
  const killable = rnd.shuffle(Array.from({ length: Math.max(0, n - 4) }, (_, i) => i + 2)).slice(0, killCount);
  const kills = new Map(killable.map((i) => [i, { afterMs: rnd.int(0, 2500), midStep: rnd.chance(0.5) }] as const));
  const redisAt = rnd.int(Math.floor(n * 0.35), Math.max(Math.floor(n * 0.35), Math.floor(n * 0.6)));
  const redisRestart = { afterMs: rnd.int(0, 1500), downMs: rnd.int(200, 3000) };

  const fault = (): ChaosFault => {
    const kind = rnd.weighted<ChaosFault['kind']>([
      ['429-storm', 30],
      ['500', 20],
      ['lost-isolate-response', 20],
      ['lost-comment-response', 10],
      ['lost-release-response', 6],
      ['reset-poll', 6],
      ['slow-isolate', 8],
    ]);
    switch (kind) {
      case '429-storm':
        return { kind, count: rnd.int(2, 5), retryAfterSeconds: rnd.int(1, 2) };
      case '500':
        return { kind, count: rnd.int(1, 3) };
      case 'slow-isolate':
        return { kind, ms: rnd.int(300, 800) };
      default:
        return { kind };
    }
  };

  const runs: PlannedRun[] = machines.slice(0, n).map((machine, index) => {
    const faults: ChaosFault[] = [];
    if (rnd.chance(0.6)) faults.push(fault());
    if (rnd.chance(0.15)) faults.push(fault());
    return {
      index,
      machine,
      ...(forced.has(index) ? { forced: forced.get(index)! } : {}),
      faults,
      ...(kills.has(index) ? { kill: kills.get(index)! } : {}),
      ...(index === redisAt ? { redisRestart } : {}),
    };
  });
  return { seed: options.seed, runs };
}

const ISOLATE = '^/api/machines/[^/]+/isolate$';
const UNISOLATE = '^/api/machines/[^/]+/unisolate$';

/** The simulator fault rule of a planned fault. */
export function faultRule(fault: ChaosFault): Partial<FaultRuleInput> & Pick<FaultRuleInput, 'fault'> {
  switch (fault.kind) {
    case '429-storm':
      return { match: { path: '^/api/' }, count: fault.count, fault: { type: '429', retryAfterSeconds: fault.retryAfterSeconds } };
    case '500':
      return { match: { path: '^/api/' }, count: fault.count, fault: { type: '500' } };
    case 'lost-isolate-response':
      return { match: { method: 'POST', path: ISOLATE }, count: 1, fault: { type: 'drop-after-perform' } };
    case 'lost-comment-response':
      return { match: { method: 'PATCH', path: '^/api/alerts/[^/]+$' }, count: 1, fault: { type: 'drop-after-perform' } };
    case 'lost-release-response':
      return { match: { method: 'POST', path: UNISOLATE }, count: 1, fault: { type: 'drop-after-perform' } };
    case 'reset-poll':
      return { match: { method: 'GET', path: '^/api/machineactions' }, count: 1, fault: { type: 'reset-before-perform' } };
    case 'slow-isolate':
      return { match: { method: 'POST', path: ISOLATE }, count: 1, fault: { type: 'latency', ms: fault.ms } };
  }
}

/** Faults that can hit any Defender call, so several of them could land on one step's attempts. */
export const isBroadFault = (fault: ChaosFault): boolean => fault.kind === '429-storm' || fault.kind === '500';
